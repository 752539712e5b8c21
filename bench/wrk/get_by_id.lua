-- (a) GET /opportunities/{id} for random ids 1..BENCH_MAX_ID.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua")

local max_id = tonumber(os.getenv("BENCH_MAX_ID") or "1000000")

function request()
  return wrk.format("GET", "/opportunities/" .. math.random(1, max_id))
end
