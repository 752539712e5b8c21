-- (h) PATCH /opportunities/{random id 1..BENCH_MAX_ID}, JSON Merge Patch {"amount": <random>}.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua")

wrk.method = "PATCH"
wrk.headers["Content-Type"] = "application/merge-patch+json"

local max_id = tonumber(os.getenv("BENCH_MAX_ID") or "1000000")

function request()
  return wrk.format("PATCH", "/opportunities/" .. math.random(1, max_id), nil,
    '{"amount":' .. random_amount() .. '}')
end
