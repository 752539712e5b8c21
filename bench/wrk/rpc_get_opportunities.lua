-- (i) The JSON-RPC wire protocol: POST /pubapi/v1.2?accountID=<keyId>&secretKey=<secret> with
-- getOpportunities of a random owner 2..10000, limit 100. The protocol answers HTTP 200 even for
-- errors: an answer whose "error" is not null counts as an error too.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua")

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
check_rpc_body = true

local path = "/pubapi/v1.2?accountID=" .. (os.getenv("BENCH_KEY_ID") or "bench")
  .. "&secretKey=" .. (os.getenv("BENCH_SECRET") or "bench")
local n = 0

function request()
  n = n + 1
  return wrk.format("POST", path, nil, string.format(
    '{"method":"getOpportunities","params":{"where":{"ownerID":"%d"},"limit":100},"id":"%d"}',
    math.random(2, 10000), n))
end
