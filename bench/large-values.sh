#!/usr/bin/env bash
# Heavy reads of large custom values at once, at -Xmx256m: does every one get its answer?
#
#   bench/large-values.sh                       # the repo's jar, 8 wire reads, 6 list pages, 4 CSV exports
#   bench/large-values.sh OLD.jar NEW.jar       # each jar in turn, on the same data
#   WIRE=4 LISTS=0 CSV=0 ROUNDS=3 bench/large-values.sh
#   STALLED=60 bench/large-values.sh OLD.jar NEW.jar   # then 60 stalled wire reads, then 60 stalled exports
#
# The data set (database crm_large, made once): a custom text area of dataLength 65535 and 500
# opportunities with 65,000 characters in it, created over the API: a wire read of all of them
# (getOpportunities, limit 500) is 33 MB of JSON, a list page of 500 is bounded to about 4 MiB, a
# CSV export is 33 MB. Each jar starts with the production JVM settings of README "In production"
# (JDK 25: BENCH_JAVA_HOME), then ROUNDS times WIRE + LISTS + CSV requests are sent at once with
# curl; the table gives each kind's HTTP statuses and sizes, the wire envelopes' errors, and the
# process's peak RSS (VmHWM) and OutOfMemoryErrors in its log. With STALLED=N, then N clients send a
# wire read of all 500 (then N a CSV export) and read nothing for 20 s (a 4 KB receive buffer)
# while a GET by id is timed; the table says what their answers began with and whether the service
# is still up. Results:
# bench/results/large-values-<timestamp>/ (results.txt, one log per jar).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
WIRE=${WIRE:-8}
LISTS=${LISTS:-6}
CSV=${CSV:-4}
ROUNDS=${ROUNDS:-2}
STALLED=${STALLED:-0}
PORT=${PORT:-18190}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
DB=crm_large
KEY_ID=bench_large
SECRET=0123456789abcdef0123456789abcdef
OUT="$BENCH_DIR/results/large-values-$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
command -v curl >/dev/null || (apt-get update -qq && apt-get install -y -qq curl >/dev/null)
pg_isready -q || { echo "PostgreSQL is not running on $PGHOST:$PGPORT" >&2; exit 1; }

jars=("$@")
if [[ ${#jars[@]} -eq 0 ]]; then
  jar=$(ls "$REPO_DIR"/target/opportunities-service-*.jar 2>/dev/null | head -1 || true)
  [[ -n $jar ]] || (cd "$REPO_DIR" && ./mvnw -q package -DskipTests -Dspotless.check.skip=true)
  jars=("$(ls "$REPO_DIR"/target/opportunities-service-*.jar | head -1)")
fi

KEY="$KEY_ID.$SECRET"
source "$BENCH_DIR/jar-service.sh"

if [[ $(psql -X -Atq -d postgres -c "select 1 from pg_database where datname = '$DB'") != 1 ]]; then
  psql -X -q -d postgres -c "create database $DB"
fi
start "${jars[0]}" "$OUT/load.log"
if [[ $(rest "localhost:$PORT/fields?systemName=bench_notes" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))') == 0 ]]; then
  echo "loading $DB: 500 opportunities with 65,000 characters each"
  rest -X POST -H 'Content-Type: application/json' "localhost:$PORT/fields" -d '{"relationship":"opportunity",
    "systemName":"bench_notes","label":"Bench notes","dataType":"textarea","dataLength":65535,
    "isRequired":false,"isCustom":true,"isActive":true,"isAvailableInContactManager":true,
    "isEditableInContactManager":true,"isAvailableInForms":false}' >/dev/null
  for batch in $(seq 0 19); do
    python3 - "$batch" >"$OUT/batch.json" <<'PY'
import json, random, string, sys
batch = int(sys.argv[1])
rng = random.Random(batch)
items = [{"opportunityName": "Large %d" % (batch * 25 + i), "ownerID": 7, "dealStageID": 2,
          "closeDate": "2027-01-31", "amount": 100,
          "bench_notes": "".join(rng.choices(string.ascii_letters, k=65000))} for i in range(25)]
print(json.dumps({"items": items}))
PY
    rest -X POST -H 'Content-Type: application/json' "localhost:$PORT/opportunities/batch" \
      --data-binary @"$OUT/batch.json" >/dev/null
  done
  rm -f "$OUT/batch.json"
fi
stop

wire_call='{"method":"getOpportunities","params":{"where":{},"limit":500,"offset":0},"id":1}'
one() { # kind n
  local file="$OUT/answer-$1-$2"
  case $1 in
    wire) curl -s -o "$file" -w '%{http_code} %{size_download}\n' -H 'Content-Type: application/json' \
            -d "$wire_call" "localhost:$PORT/pubapi/v1?accountID=$KEY_ID&secretKey=$SECRET" ;;
    list) rest -o "$file" -w '%{http_code} %{size_download}\n' "localhost:$PORT/opportunities?limit=500" ;;
    csv) rest -o "$file" -w '%{http_code} %{size_download}\n' -H 'Accept: text/csv' "localhost:$PORT/opportunities" ;;
  esac
  if [[ $1 == wire ]]; then
    python3 -c 'import json,sys
try:
  e=json.load(open(sys.argv[1]))
  if "result" in e: print("  rows", len((e["result"] or {}).get("opportunity", [])), "error", e["error"])
  else: print("  not an envelope:", e.get("status"), e.get("detail"))
except Exception as x: print("  not an envelope:", str(x)[:80])' "$file"
  fi
  rm -f "$file"
}

for i in "${!jars[@]}"; do
  jar=${jars[$i]}
  log="$OUT/jar$((i + 1))-$(basename "$jar" .jar).log"
  start "$jar" "$log"
  echo "== $jar" | tee -a "$OUT/results.txt"
  for round in $(seq "$ROUNDS"); do
    requests=()
    {
      for n in $(seq "$WIRE"); do one wire "$n" | sed "s/^/wire /" & requests+=($!); done
      for n in $(seq "$LISTS"); do one list "$n" | sed "s/^/list /" & requests+=($!); done
      for n in $(seq "$CSV"); do one csv "$n" | sed "s/^/csv /" & requests+=($!); done
      wait "${requests[@]}"
    } >"$OUT/round.txt"
    {
      echo "== $jar, round $round: $WIRE wire reads, $LISTS list pages, $CSV CSV exports at once"
      grep -v '^wire   ' "$OUT/round.txt" | sort | uniq -c
      grep '  rows\|not an envelope' "$OUT/round.txt" | sort | uniq -c || true
    } | tee -a "$OUT/results.txt"
  done
  for kind in wire csv; do
    [[ $STALLED -gt 0 ]] || break
    python3 - "$PORT" "$STALLED" "$kind" "$KEY_ID" "$SECRET" >"$OUT/stalled.txt" <<'PY' &
import socket, sys, time
port, n, kind, key, secret = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
body = b'{"method":"getOpportunities","params":{"where":{},"limit":500,"offset":0},"id":1}'
if kind == "wire":
    request = (b"POST /pubapi/v1?accountID=%s&secretKey=%s HTTP/1.1\r\nHost: x\r\n"
               b"Content-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s"
               % (key.encode(), secret.encode(), len(body), body))
else:
    request = (b"GET /opportunities HTTP/1.1\r\nHost: x\r\nAccept: text/csv\r\n"
               b"Authorization: Bearer %s.%s\r\nConnection: close\r\n\r\n" % (key.encode(), secret.encode()))
clients = []
for _ in range(n):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    s.connect(("127.0.0.1", port))
    s.sendall(request)
    clients.append(s)
time.sleep(20)
began = []
for s in clients:
    try:
        began.append(s.recv(15).decode() or "(closed)")
    except OSError as e:
        began.append("(%s)" % e.__class__.__name__)
print(", ".join("%d x %s" % (began.count(b), b.strip()) for b in sorted(set(began))))
PY
    stalled=$!
    sleep 15
    during=$(rest -o /dev/null --max-time 10 -w '%{http_code} in %{time_total} s' "localhost:$PORT/opportunities/1" || true)
    wait "$stalled" || true
    sleep 2
    alive=$(kill -0 "$pid" 2>/dev/null && echo up || echo "DOWN")
    echo "$STALLED stalled $kind reads: answers began $(cat "$OUT/stalled.txt"); GET by id meanwhile: $during; service $alive" |
      tee -a "$OUT/results.txt"
    [[ $alive == up ]] || break
  done
  rm -f "$OUT/stalled.txt"
  {
    echo "peak RSS: $(awk '/VmHWM/ {print int($2 / 1024) " MiB"}' "/proc/$pid/status" 2>/dev/null)"
    echo "OutOfMemoryError in the log: $(grep -c OutOfMemoryError "$log" || true)"
  } | tee -a "$OUT/results.txt"
  stop
done
rm -f "$OUT/round.txt"
echo "results: $OUT/results.txt"
