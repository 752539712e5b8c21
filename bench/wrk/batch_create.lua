-- (g) POST /opportunities/batch with {"items": [BENCH_BATCH_SIZE opportunities]} (default 500).
-- Each thread prepares 4 different bodies up front and rotates through them, so that building
-- 75 KB of JSON does not slow wrk down.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua")

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

local size = tonumber(os.getenv("BENCH_BATCH_SIZE") or "500")
local bodies = {}
local next_body = 0

function thread_init()
  for b = 1, 4 do
    local items = {}
    for i = 1, size do items[i] = random_opportunity_json() end
    bodies[b] = '{"items":[' .. table.concat(items, ",") .. ']}'
  end
end

function request()
  next_body = next_body % #bodies + 1
  return wrk.format("POST", "/opportunities/batch", nil, bodies[next_body])
end
