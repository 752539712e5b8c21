-- Shared by every wrk script of the benchmark (loaded with dofile by each of them).
--
-- * sends Authorization: Bearer <BENCH_TOKEN> on every request;
-- * counts responses by HTTP status (any non-2xx is an error) and, when a script sets
--   check_rpc_body = true, JSON-RPC answers whose "error" is not null (the wire protocol answers
--   HTTP 200 even for errors);
-- * writes a JSON summary to the file named by WRK_JSON (run.sh reads it): requests, duration,
--   req/s, latency percentiles in microseconds, socket errors, status counts.
--
-- Scenario parameters come from environment variables set by run.sh (see each script).

-- (BENCH_TOKEN set but empty: no Authorization header at all)
local token = os.getenv("BENCH_TOKEN") or "bench.bench"
if token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end
wrk.headers["Accept"] = "application/json"

check_rpc_body = false

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_no", #threads)
end

function init(args)
  statuses = {}
  rpc_errors = 0
  math.randomseed(os.time() * 1000 + (thread_no or 0) * 7919 + math.floor(os.clock() * 1000000))
  -- LuaJIT's first numbers after seeding are poorly spread
  for _ = 1, 10 do math.random() end
  if thread_init then thread_init() end
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if check_rpc_body and status == 200 and body and not body:find('"error"%s*:%s*null') then
    rpc_errors = rpc_errors + 1
  end
end

function random_int(low, high)
  return math.random(low, high)
end

-- A random amount with 2 fraction digits, as JSON text.
function random_amount()
  return string.format("%d.%02d", math.random(500, 250000), math.random(0, 99))
end

-- A random close date in 2025..2027 (a date, which the API reads as 00:00 UTC).
function random_close_date()
  return string.format("%04d-%02d-%02d", math.random(2025, 2027), math.random(1, 12), math.random(1, 28))
end

local companies = { "Acme Corp", "Globex", "Initech", "Hooli", "Soylent", "Umbrella Health", "Pied Piper",
  "Vandelay Industries", "Wayne Enterprises", "Stark Industries" }
local kinds = { "Renewal", "New Business", "Upsell", "Expansion", "Pilot" }

function random_name()
  return string.format("%s %06d - %s", companies[math.random(#companies)], math.random(1, 999999),
    kinds[math.random(#kinds)])
end

-- A small opportunity, as a JSON object (the fields the create scenarios send).
function random_opportunity_json()
  return string.format(
    '{"ownerID":%d,"dealStageID":%d,"opportunityName":"%s","closeDate":"%s","amount":%s}',
    math.random(2, 10000), math.random(1, 5), random_name(), random_close_date(), random_amount())
end

local function json_escape(s)
  return (tostring(s):gsub('[%c"\\]', function(c) return string.format("\\u%04x", c:byte()) end))
end

function done(summary, latency, requests)
  local counts = {}
  local non2xx = 0
  local rpc = 0
  for _, thread in ipairs(threads) do
    local s = thread:get("statuses") or {}
    for status, n in pairs(s) do
      counts[status] = (counts[status] or 0) + n
      if status < 200 or status > 299 then non2xx = non2xx + n end
    end
    rpc = rpc + (thread:get("rpc_errors") or 0)
  end
  local parts = {}
  for status, n in pairs(counts) do table.insert(parts, string.format('"%d":%d', status, n)) end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  local json = string.format(
    '{"requests":%d,"duration_s":%.3f,"rps":%.2f,"bytes":%d,' ..
    '"latency_us":{"mean":%.1f,"stdev":%.1f,"max":%d,"p50":%d,"p90":%d,"p99":%d,"p999":%d},' ..
    '"socket_errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d},' ..
    '"wrk_status_errors":%d,"non2xx":%d,"rpc_errors":%d,"statuses":{%s},"script":"%s"}',
    summary.requests, seconds, summary.requests / seconds, summary.bytes,
    latency.mean, latency.stdev, latency.max, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency:percentile(99.9),
    e.connect, e.read, e.write, e.timeout, e.status, non2xx, rpc, table.concat(parts, ","),
    json_escape(os.getenv("BENCH_SCRIPT_NAME") or ""))
  local path = os.getenv("WRK_JSON")
  if path and path ~= "" then
    local f = assert(io.open(path, "w"))
    f:write(json, "\n")
    f:close()
  else
    io.write(json, "\n")
  end
end
