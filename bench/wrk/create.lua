-- (f) POST /opportunities: one small opportunity per request (ownerID 2..10000, stage 1..5).
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua")

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

function request()
  return wrk.format("POST", "/opportunities", nil, random_opportunity_json())
end
