#!/usr/bin/env bash
# Benchmark of the opportunities service: the one command to rerun it. See bench/README.md.
#
#   bench/run.sh                       # every scenario, 1 run, 20 s each (about 10 minutes)
#   bench/run.sh --runs 3              # three runs, medians reported
#   bench/run.sh --scenario get_by_id --duration 5 --warmup 3    # a quick check
#   bench/run.sh --no-virtual-threads  # platform threads instead of virtual threads
#   bench/run.sh --no-aot-cache        # plain java -jar: no extracted jar, no JDK 25 AOT cache
#
# It installs what it lacks (wrk, gnuplot-nox, jq, curl; Debian packages), creates the database
# crm_bench (and touches no other database), builds the jar if missing, starts the service on
# JDK 25 with the production JVM settings (-Xmx256m -XX:+UseParallelGC, the jar extracted and an
# AOT cache made by a training run, see README "Running in production"; CRM_BOOTSTRAP_KEY, rate limit set to 1,000,000/s so that it never answers 429;
# --rate-limit 0 turns the limiter off),
# loads bench/data/generate.sql when the database holds no benchmark data set (or with --reload),
# and per run: restarts the service (startup time, peak RSS), warms up, measures the HTTP ceiling
# (GET /actuator/health/liveness) at each concurrency used, then each scenario with wrk and its
# database ceiling with pgbench. Results: bench/results/<timestamp>/ (summary.csv, summary.json,
# runs.csv, table.txt, chart.png, raw outputs per run).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)

RUNS=1
DURATION=20
WARMUP=10
PORT=18080
RELOAD=0
VIRTUAL_THREADS=1
AOT_CACHE=1
CEILINGS=1
BUILD=0
SELECTED=()
JAVA_HOME_BENCH=${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAR=${BENCH_JAR:-$REPO_DIR/target/opportunities-service-0.1.0-SNAPSHOT.jar}
DB=crm_bench
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
export PGHOST PGPORT PGUSER
KEY_ID=${BENCH_KEY_ID:-benchadmin}
SECRET=${BENCH_SECRET:-bench_secret_4f9c2e7a1b}
RATE_LIMIT=1000000
POOL_SIZE=${SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE:-10}
BATCH_SIZE=500
WRK_TIMEOUT=10s

# name | letter | connections | wrk script | request (METHOD path) | pgbench script | items per request
SCENARIOS_TABLE=$(cat <<'EOF'
get_by_id|a|32|get_by_id.lua|GET /opportunities/{id}|get_by_id.sql|1
list_owner_first|b|16|static.lua|GET /opportunities?ownerID=1&isClosed=false&limit=100|list_owner_first.sql|1
list_owner_deep|c|16|static.lua|GET /opportunities?ownerID=1&isClosed=false&limit=100&cursor=<page 1000>|list_owner_deep.sql|1
list_close_date_amount|d|16|static.lua|GET /opportunities?closeDateFrom=2026-03-01&closeDateTo=2026-03-31&sort=amount,desc&limit=100|list_close_date_amount.sql|1
sync_updated|e|16|static.lua|GET /opportunities?updateTimestampFrom=<T>&sort=updateTimestamp&limit=100|sync_updated.sql|1
rpc_get_opportunities|i|16|rpc_get_opportunities.lua|POST /pubapi/v1.2 getOpportunities {where:{ownerID}, limit:100}|rpc_get_opportunities.sql|1
create|f|16|create.lua|POST /opportunities|create.sql|1
batch_create|g|4|batch_create.lua|POST /opportunities/batch (500 items)|batch_create.sql|500
patch|h|16|patch.lua|PATCH /opportunities/{id} {amount}|patch.sql|1
EOF
)

usage() {
  cat <<EOF
Usage: bench/run.sh [options]
  --runs N               repeat the whole measurement N times (service restarted each run); medians reported (default $RUNS)
  --duration S           seconds per measurement: each scenario, each ceiling (default $DURATION)
  --warmup S             seconds of warm-up per scenario after each start (default $WARMUP)
  --scenario NAME        only this scenario (name or letter a..i; repeat or comma-separate for several)
  --port P               HTTP port of the service (default $PORT)
  --reload               reload the data set (bench/data/generate.sql) even if already loaded
  --no-virtual-threads   run the service with -Dspring.threads.virtual.enabled=false
  --no-aot-cache         run the jar as it is (java -jar) instead of extracted with a JDK 25 AOT cache
  --no-ceilings          skip the HTTP and database ceilings
  --rate-limit N         CRM_RATE_LIMIT_PER_SECOND and _BURST of the service (default $RATE_LIMIT: never 429;
                         0 turns the service's rate limiting off)
  --build                rebuild the jar even if it exists
  --list                 list the scenarios and exit
Environment: BENCH_JAVA_HOME (default $JAVA_HOME_BENCH), BENCH_JAR, BENCH_JAVA_OPTS (extra JVM options),
  BENCH_KEY_ID / BENCH_SECRET (bootstrap key), PGHOST/PGPORT/PGUSER (default 127.0.0.1/5432/postgres).
EOF
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) RUNS=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --scenario) IFS=',' read -r -a more <<<"$2"; SELECTED+=("${more[@]}"); shift 2 ;;
    --port) PORT=$2; shift 2 ;;
    --reload) RELOAD=1; shift ;;
    --no-virtual-threads) VIRTUAL_THREADS=0; shift ;;
    --no-aot-cache) AOT_CACHE=0; shift ;;
    --no-ceilings) CEILINGS=0; shift ;;
    --rate-limit) RATE_LIMIT=$2; shift 2 ;;
    --build) BUILD=1; shift ;;
    --list) echo "$SCENARIOS_TABLE" | awk -F'|' '{printf "%s) %-24s %3s conns  %s\n", $2, $1, $3, $5}'; exit 0 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done

for v in RUNS DURATION WARMUP PORT RATE_LIMIT; do
  [[ ${!v} =~ ^[0-9]+$ ]] || { echo "--${v,,} must be a number" >&2; exit 2; }
done
((RUNS >= 1 && DURATION >= 1)) || { echo "--runs and --duration must be at least 1" >&2; exit 2; }
[[ $KEY_ID =~ ^[A-Za-z0-9_]+$ && $SECRET =~ ^[A-Za-z0-9_]+$ ]] ||
  { echo "BENCH_KEY_ID and BENCH_SECRET: letters, digits and _ only" >&2; exit 2; }
TOKEN="$KEY_ID.$SECRET"

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------------------------------------
# Scenario selection
declare -a SCEN_NAMES=()
while IFS='|' read -r name letter _; do
  if [[ ${#SELECTED[@]} -eq 0 ]]; then
    SCEN_NAMES+=("$name")
  else
    for s in "${SELECTED[@]}"; do
      if [[ $s == "$name" || $s == "$letter" ]]; then SCEN_NAMES+=("$name"); fi
    done
  fi
done <<<"$SCENARIOS_TABLE"
for s in "${SELECTED[@]}"; do
  echo "$SCENARIOS_TABLE" | awk -F'|' -v s="$s" '$1 == s || $2 == s {found = 1} END {exit !found}' ||
    die "unknown scenario '$s' (see --list)"
done
field() { # field <scenario> <column 1..7>
  echo "$SCENARIOS_TABLE" | awk -F'|' -v s="$1" -v c="$2" '$1 == s {print $c}'
}

# ---------------------------------------------------------------------------------------------
# Tools
ensure_tools() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v gnuplot >/dev/null || missing+=(gnuplot-nox)
  command -v jq >/dev/null || missing+=(jq)
  command -v curl >/dev/null || missing+=(curl)
  command -v python3 >/dev/null || missing+=(python3)
  command -v psql >/dev/null || missing+=(postgresql-client)
  command -v pgbench >/dev/null || missing+=(postgresql-client)
  if [[ ${#missing[@]} -gt 0 ]]; then
    log "installing ${missing[*]} (apt-get)"
    local sudo=""
    [[ $(id -u) -eq 0 ]] || sudo=sudo
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get install -y -q "${missing[@]}" >/dev/null ||
      { $sudo apt-get update -q >/dev/null && $sudo apt-get install -y -q "${missing[@]}" >/dev/null; } ||
      die "could not install ${missing[*]}"
  fi
}

psql_bench() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$DB" "$@"; }

# ---------------------------------------------------------------------------------------------
# Service
SERVICE_PID=""
stop_service() {
  [[ -n $SERVICE_PID ]] || return 0
  if kill -0 "$SERVICE_PID" 2>/dev/null; then
    kill -TERM "$SERVICE_PID" 2>/dev/null || true
    for _ in $(seq 300); do kill -0 "$SERVICE_PID" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$SERVICE_PID" 2>/dev/null && kill -KILL "$SERVICE_PID" 2>/dev/null || true
  fi
  wait "$SERVICE_PID" 2>/dev/null || true
  SERVICE_PID=""
}
trap 'stop_service' EXIT
trap 'log "interrupted"; exit 130' INT TERM

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; } # elapsed <start> <end>

# start_service <log file> <startup json>
start_service() {
  local logfile=$1 out=$2
  if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$PORT/"; then
    die "something already listens on port $PORT (use --port)"
  fi
  # production settings (JVM_OPTS) plus a GC log, a file of its own that costs next to nothing
  local jvm_opts=("${JVM_OPTS[@]}" "-Xlog:gc:file=$(dirname "$logfile")/gc.log")
  local t0
  t0=$(now)
  SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB?reWriteBatchedInserts=true" \
    SPRING_DATASOURCE_USERNAME="$PGUSER" \
    PORT="$PORT" \
    CRM_BOOTSTRAP_KEY="$TOKEN" \
    CRM_RATE_LIMIT_PER_SECOND="$RATE_LIMIT" \
    CRM_RATE_LIMIT_BURST="$RATE_LIMIT" \
    "$JAVA" "${jvm_opts[@]}" -jar "$RUN_JAR" >"$logfile" 2>&1 </dev/null &
  SERVICE_PID=$!
  local deadline=$((SECONDS + 180))
  until curl -sf -o /dev/null --max-time 2 -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/actuator/health/readiness"; do
    kill -0 "$SERVICE_PID" 2>/dev/null || { tail -30 "$logfile" >&2; die "the service exited during startup (log: $logfile)"; }
    ((SECONDS < deadline)) || { tail -30 "$logfile" >&2; die "the service was not ready after 180 s (log: $logfile)"; }
    sleep 0.05
  done
  local t1 started running
  t1=$(now)
  # "Started OpportunitiesApplication in 6.3 seconds (process running for 7.1)"
  started=$(sed -n 's/.*Started [A-Za-z]* in \([0-9.]*\) seconds.*/\1/p' "$logfile" | head -1)
  running=$(sed -n 's/.*Started [A-Za-z]* in [0-9.]* seconds (process running for \([0-9.]*\)).*/\1/p' "$logfile" | head -1)
  jq -n --argjson ready "$(elapsed "$t0" "$t1")" --arg started "${started:-}" --arg running "${running:-}" \
    --arg pid "$SERVICE_PID" \
    '{ready_s: ($ready * 1000 | round / 1000), spring_started_s: ($started | tonumber? // null),
      spring_process_running_s: ($running | tonumber? // null), pid: ($pid | tonumber)}' >"$out"
  log "service ready in $(jq -r .ready_s "$out") s (Spring: started in ${started:-?} s), pid $SERVICE_PID"
}

# peak RSS (VmHWM) and current RSS of the service, in MiB
record_memory() {
  local out=$1
  local hwm rss
  hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$SERVICE_PID/status" 2>/dev/null || echo 0)
  rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$SERVICE_PID/status" 2>/dev/null || echo 0)
  jq --argjson hwm "${hwm:-0}" --argjson rss "${rss:-0}" \
    '. + {peak_rss_mib: ($hwm / 1024 | . * 10 | round / 10), rss_at_end_mib: ($rss / 1024 | . * 10 | round / 10)}' \
    "$out" >"$out.tmp" && mv "$out.tmp" "$out"
}

# ---------------------------------------------------------------------------------------------
# HTTP helpers
BASE="http://127.0.0.1:$PORT"
CURL_AUTH=(-H "Authorization: Bearer $TOKEN" -H "Accept: application/json")

scenario_url() { # the URL wrk gets for a scenario
  case "$1" in
    get_by_id) echo "$BASE/opportunities/1" ;;
    list_owner_first) echo "$BASE/opportunities?ownerID=1&isClosed=false&limit=100" ;;
    list_owner_deep) echo "$BASE/opportunities?ownerID=1&isClosed=false&limit=100&cursor=$DEEP_CURSOR" ;;
    list_close_date_amount) echo "$BASE/opportunities?closeDateFrom=2026-03-01&closeDateTo=2026-03-31&sort=amount,desc&limit=100" ;;
    sync_updated) echo "$BASE/opportunities?updateTimestampFrom=$SYNC_FROM&sort=updateTimestamp&limit=100" ;;
    rpc_get_opportunities) echo "$BASE/pubapi/v1.2" ;;
    create) echo "$BASE/opportunities" ;;
    batch_create) echo "$BASE/opportunities/batch" ;;
    patch) echo "$BASE/opportunities/1" ;;
  esac
}

# One request of the scenario before measuring it: a scenario whose request fails (endpoint not
# there yet: 404/405; auth; ...) is reported as skipped instead of measured.
preflight() { # preflight <scenario> <out json>
  local s=$1 out=$2 body=/tmp/bench-preflight.$$ status rpc_error=""
  if [[ $s == list_owner_deep && -z $DEEP_CURSOR ]]; then
    jq -n --arg reason "${DEEP_CURSOR_ERROR:-no cursor of page 1,000}" '{ok: false, status: null, reason: $reason}' >"$out"
    return 1
  fi
  local opp='{"ownerID":2,"dealStageID":1,"opportunityName":"Benchmark preflight - Pilot","closeDate":"2026-06-30","amount":1234.50}'
  case "$s" in
    rpc_get_opportunities)
      status=$(curl -s -o "$body" -w '%{http_code}' "${CURL_AUTH[@]}" -H 'Content-Type: application/json' \
        -d '{"method":"getOpportunities","params":{"where":{"ownerID":"2"},"limit":100},"id":"1"}' \
        "$BASE/pubapi/v1.2?accountID=$KEY_ID&secretKey=$SECRET" || true) ;;
    create)
      status=$(curl -s -o "$body" -w '%{http_code}' "${CURL_AUTH[@]}" -H 'Content-Type: application/json' \
        -d "$opp" "$BASE/opportunities" || true) ;;
    batch_create)
      status=$(curl -s -o "$body" -w '%{http_code}' "${CURL_AUTH[@]}" -H 'Content-Type: application/json' \
        -d "{\"items\":[$opp,$opp]}" "$BASE/opportunities/batch" || true) ;;
    patch)
      status=$(curl -s -o "$body" -w '%{http_code}' "${CURL_AUTH[@]}" -X PATCH \
        -H 'Content-Type: application/merge-patch+json' -d '{"amount":1234.56}' "$BASE/opportunities/1" || true) ;;
    *)
      status=$(curl -s -o "$body" -w '%{http_code}' "${CURL_AUTH[@]}" "$(scenario_url "$s")" || true) ;;
  esac
  if [[ $s == rpc_get_opportunities && $status == 200 ]]; then
    rpc_error=$(jq -c 'if type == "object" and has("error") then .error else "no JSON-RPC answer" end' "$body" 2>/dev/null ||
      echo '"not JSON"')
    [[ $rpc_error == null ]] && rpc_error=""
  fi
  local ok=false reason=""
  if [[ $status =~ ^2 && -z $rpc_error ]]; then
    ok=true
  elif [[ $status == 404 || $status == 405 || $status == 501 ]]; then
    reason="HTTP $status: endpoint not available in this build"
  elif [[ -n $rpc_error ]]; then
    reason="JSON-RPC error $rpc_error"
  elif [[ $status == 401 || $status == 403 ]]; then
    reason="HTTP $status: the bootstrap key (CRM_BOOTSTRAP_KEY=$KEY_ID.***) was not accepted"
  elif [[ $status == 429 ]]; then
    reason="HTTP 429: rate limited although CRM_RATE_LIMIT_PER_SECOND=$RATE_LIMIT"
  elif [[ $status == 000 ]]; then
    reason="no answer"
  else
    reason="HTTP $status"
  fi
  jq -n --argjson ok "$ok" --arg status "$status" --arg reason "$reason" \
    --arg sample "$(head -c 300 "$body" 2>/dev/null | tr -d '\000')" \
    '{ok: $ok, status: ($status | tonumber? // $status), reason: $reason, body_sample: $sample}' >"$out"
  rm -f "$body"
  $ok
}

# wrk_run <label> <connections> <script> <url> <seconds> <out json>
wrk_run() {
  local label=$1 conns=$2 script=$3 url=$4 seconds=$5 out=$6
  local threads=2
  ((conns < 2)) && threads=$conns
  BENCH_TOKEN="${WRK_TOKEN-$TOKEN}" BENCH_KEY_ID="$KEY_ID" BENCH_SECRET="$SECRET" BENCH_MAX_ID="$MAX_ID" \
    BENCH_BATCH_SIZE="$BATCH_SIZE" BENCH_SCRIPT_NAME="$label" WRK_JSON="$out" \
    wrk -t "$threads" -c "$conns" -d "${seconds}s" --timeout "$WRK_TIMEOUT" -s "$BENCH_DIR/wrk/$script" "$url" \
    >"${out%.json}.txt" 2>&1 || { log "wrk failed for $label: $(tail -3 "${out%.json}.txt")"; return 1; }
}

# pgbench_run <scenario> <seconds> <out json>
pgbench_run() {
  local s=$1 seconds=$2 out=$3
  local prefix=${out%.json}.log
  local vars=(-D max_id="$MAX_ID" -D owner=1 -D closed=false
    -D close_from=2026-03-01T00:00:00Z -D close_to=2026-03-31T00:00:00Z -D sync_from="$SYNC_FROM")
  [[ -n $DEEP_CURSOR_ID ]] && vars+=(-D cursor_value="$DEEP_CURSOR_VALUE" -D cursor_id="$DEEP_CURSOR_ID")
  local dir mode=prepared
  dir=$(dirname "$out")
  # the service plans list statements with their values every time (ListStatements); the rest are
  # prepared statements
  case $s in list_* | sync_updated | rpc_get_opportunities) mode=extended ;; esac
  (cd "$dir" && PGOPTIONS='-c search_path=crm' pgbench -n -M "$mode" -c "$POOL_SIZE" -j 2 -T "$seconds" \
    -l --log-prefix="$(basename "$prefix")" "${vars[@]}" -f "$BENCH_DIR/pgbench/$(field "$s" 6)" "$DB") \
    >"${out%.json}.txt" 2>&1 || log "pgbench reported a failure for $s (see ${out%.json}.txt)"
  python3 "$BENCH_DIR/report.py" pgbench "${out%.json}.txt" "$prefix" "$out"
  rm -f "$prefix".*
}

# ---------------------------------------------------------------------------------------------
# Data set
dataset_value() { psql_bench -c "select value from bench.dataset where key = '$1'" 2>/dev/null || true; }

ensure_data() {
  local loaded
  loaded=$(dataset_value max_opportunity_id)
  if [[ -z $loaded || $RELOAD == 1 ]]; then
    log "loading the data set: bench/data/generate.sql (straight into PostgreSQL; about a minute)"
    local t0 t1
    t0=$(now)
    psql -X -q -v ON_ERROR_STOP=1 -d "$DB" -f "$BENCH_DIR/data/generate.sql" >"$RESULTS/data-load.log" 2>&1 ||
      { tail -20 "$RESULTS/data-load.log" >&2; die "generate.sql failed (log: $RESULTS/data-load.log)"; }
    t1=$(now)
    DATA_LOAD_S=$(printf '%.1f' "$(elapsed "$t0" "$t1")")
    log "data set loaded in $DATA_LOAD_S s"
  else
    log "data set already loaded ($(dataset_value loaded_at)); --reload to load it again"
  fi
  MAX_ID=$(dataset_value max_opportunity_id)
  # ids of the rows pgbench inserts (database ceilings of the creates), far above the service's
  psql_bench -c "create sequence if not exists bench.pgbench_opportunity_id_seq
      start with 500000000000000000 maxvalue 999999999999999999"
  SYNC_FROM=$(psql_bench -c "select to_char((value::timestamptz - interval '1 day') at time zone 'UTC',
      'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') from bench.dataset where key = 'max_update_timestamp'")
  [[ -n $MAX_ID && -n $SYNC_FROM ]] || die "bench.dataset is incomplete: run with --reload"
}

# Rows written by earlier runs (creates, pgbench inserts) go, so that every run sees the same data.
clean_data() {
  local deleted
  deleted=$(psql_bench -c "with d as (delete from crm.opportunity where id > $MAX_ID returning 1) select count(*) from d")
  if [[ $deleted != 0 ]]; then
    log "removed $deleted opportunities created by earlier runs"
    psql_bench -c "vacuum analyze crm.opportunity" -c "vacuum analyze crm.opportunity_lead"
  fi
}

count_created() { psql_bench -c "select count(*) from crm.opportunity where id > $MAX_ID"; }

# The cursor of page 1,000 of owner 1's open opportunities: walk 999 pages once.
DEEP_CURSOR="" DEEP_CURSOR_VALUE="" DEEP_CURSOR_ID="" DEEP_CURSOR_ERROR=""
walk_cursor() {
  local url="$BASE/opportunities?ownerID=1&isClosed=false&limit=100" cursor="" page t0 status
  local body=/tmp/bench-page.$$
  t0=$(now)
  for page in $(seq 1 999); do
    status=$(curl -s -o "$body" -w '%{http_code}' "${CURL_AUTH[@]}" "$url${cursor:+&cursor=$cursor}" || true)
    cursor=$(jq -r '.nextCursor // empty' "$body" 2>/dev/null || true)
    if [[ $status != 200 || -z $cursor ]]; then
      DEEP_CURSOR_ERROR="walking to page 1,000 failed at page $page (HTTP $status$([[ $status == 200 ]] && echo ", no nextCursor" || true))"
      log "$DEEP_CURSOR_ERROR"
      rm -f "$body"
      return 0
    fi
  done
  rm -f "$body"
  DEEP_CURSOR=$cursor
  # the keyset inside the cursor (base64url of {"sort","desc","value","id","filters"}), for pgbench
  read -r DEEP_CURSOR_VALUE DEEP_CURSOR_ID < <(python3 -c '
import base64, json, sys
c = sys.argv[1]; c += "=" * (-len(c) % 4)
d = json.loads(base64.urlsafe_b64decode(c)); print(d["value"], d["id"])' "$cursor")
  log "cursor of page 1,000 found in $(printf '%.1f' "$(elapsed "$t0" "$(now)")") s (after id $DEEP_CURSOR_ID)"
}

# ---------------------------------------------------------------------------------------------
# Main
ensure_tools
JAVA="$JAVA_HOME_BENCH/bin/java"
[[ -x $JAVA ]] || die "no JDK at $JAVA_HOME_BENCH (set BENCH_JAVA_HOME)"
JDK_VERSION=$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.runtime.version/ {print $2}')
[[ ${JDK_VERSION%%.*} -ge 25 ]] 2>/dev/null || log "WARNING: the benchmark is meant for JDK 25; $JAVA is $JDK_VERSION"

pg_isready -q || die "PostgreSQL is not reachable at $PGHOST:$PGPORT"
if [[ -z $(psql -X -q -At -d postgres -c "select 1 from pg_database where datname = '$DB'") ]]; then
  log "creating database $DB"
  createdb "$DB"
fi

if [[ ! -f $JAR || $BUILD == 1 ]]; then
  log "building the jar (./mvnw -q -DskipTests package in $REPO_DIR)"
  (cd "$REPO_DIR" && ./mvnw -q -DskipTests package) || die "the build failed"
fi
[[ -f $JAR ]] || die "no jar at $JAR"

# The JVM options of a production start: a 256 MiB heap and the parallel collector (on 2 cores it
# serves about 20% more requests than G1 with a p99 half as long: G1's concurrent work competes
# with the requests for the two cores).
JVM_OPTS=(-Xmx256m -XX:+UseParallelGC)
((VIRTUAL_THREADS)) || JVM_OPTS+=(-Dspring.threads.virtual.enabled=false)
# shellcheck disable=SC2206
[[ -n ${BENCH_JAVA_OPTS:-} ]] && JVM_OPTS+=($BENCH_JAVA_OPTS)
RUN_JAR=$JAR
# Startup: the jar extracted (java -Djarmode=tools) and a JDK 25 AOT cache recorded by a training
# run that stops once the application context is refreshed (Spring Boot's documented way, see
# "Efficient deployments"). The cache is remade whenever the jar or the options change.
prepare_aot_cache() {
  local dir=$BENCH_DIR/results/app key
  key=$( (sha256sum "$JAR" | cut -c1-16; echo "$JDK_VERSION ${JVM_OPTS[*]}") | sha256sum | cut -c1-16)
  RUN_JAR=$dir/$(basename "$JAR")
  if [[ -f $dir/app.aot && $(cat "$dir/key" 2>/dev/null) == "$key" ]]; then
    log "AOT cache up to date ($dir/app.aot)"
  else
    log "extracting the jar and recording an AOT cache (training run: start, refresh, exit)"
    rm -rf "$dir"
    "$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$dir" >/dev/null || die "jar extraction failed"
    SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB?reWriteBatchedInserts=true" \
      SPRING_DATASOURCE_USERNAME="$PGUSER" PORT="$PORT" CRM_BOOTSTRAP_KEY="$TOKEN" \
      "$JAVA" "${JVM_OPTS[@]}" -XX:AOTCacheOutput="$dir/app.aot" -Dspring.context.exit=onRefresh \
      -jar "$RUN_JAR" >"$dir/training.log" 2>&1 </dev/null ||
      { tail -20 "$dir/training.log" >&2; die "the AOT training run failed (log: $dir/training.log)"; }
    echo "$key" >"$dir/key"
  fi
  JVM_OPTS+=(-XX:AOTCache="$dir/app.aot")
}
if ((AOT_CACHE)); then
  if [[ ${JDK_VERSION%%.*} -ge 25 ]] 2>/dev/null; then prepare_aot_cache; else log "no AOT cache: it needs JDK 25"; fi
fi

STAMP=$(date -u +%Y%m%d-%H%M%S)
RESULTS="$BENCH_DIR/results/$STAMP$( ((VIRTUAL_THREADS)) || echo -platform-threads)$( ((RATE_LIMIT)) || echo -no-rate-limit)"
mkdir -p "$RESULTS"
DATA_LOAD_S=""
MAX_ID=1000000 SYNC_FROM=""
log "results: $RESULTS"
log "scenarios: ${SCEN_NAMES[*]}; $RUNS run(s) of $DURATION s per measurement, $WARMUP s warm-up"

# distinct concurrencies of the selected scenarios, for the HTTP ceiling
mapfile -t CONCURRENCIES < <(for s in "${SCEN_NAMES[@]}"; do field "$s" 3; done | sort -rnu)

for run in $(seq 1 "$RUNS"); do
  RUN_DIR="$RESULTS/run-$run"
  mkdir -p "$RUN_DIR"
  log "=== run $run of $RUNS"
  start_service "$RUN_DIR/service.log" "$RUN_DIR/service.json"
  if ((run == 1)); then
    ensure_data
    [[ " ${SCEN_NAMES[*]} " == *" list_owner_deep "* ]] && walk_cursor
  fi
  clean_data

  declare -A AVAILABLE=()
  for s in "${SCEN_NAMES[@]}"; do
    if preflight "$s" "$RUN_DIR/preflight-$s.json"; then
      AVAILABLE[$s]=1
    else
      log "scenario $s skipped: $(jq -r .reason "$RUN_DIR/preflight-$s.json")"
    fi
  done

  if ((WARMUP > 0)); then
    log "warm-up: ${WARMUP} s per scenario"
    wrk_run warmup "${CONCURRENCIES[0]}" static.lua "$BASE/actuator/health/liveness" "$WARMUP" "$RUN_DIR/warmup.json" || true
    for s in "${SCEN_NAMES[@]}"; do
      [[ -n ${AVAILABLE[$s]:-} ]] || continue
      wrk_run "warmup-$s" "$(field "$s" 3)" "$(field "$s" 4)" "$(scenario_url "$s")" "$WARMUP" "$RUN_DIR/warmup.json" || true
    done
    rm -f "$RUN_DIR/warmup.json" "$RUN_DIR/warmup.txt"
  fi

  if ((CEILINGS)); then
    for c in "${CONCURRENCIES[@]}"; do
      log "HTTP ceiling: GET /actuator/health/liveness at $c connections"
      wrk_run "ceiling-c$c" "$c" static.lua "$BASE/actuator/health/liveness" "$DURATION" "$RUN_DIR/http-ceiling-c$c.json" || true
    done
    # the same without an Authorization header: no key lookup, no rate limit; what they cost
    log "HTTP ceiling without Authorization header at 16 connections"
    WRK_TOKEN="" wrk_run "ceiling-noauth-c16" 16 static.lua "$BASE/actuator/health/liveness" "$DURATION" \
      "$RUN_DIR/http-ceiling-noauth-c16.json" || true
  fi

  for s in "${SCEN_NAMES[@]}"; do
    if [[ -n ${AVAILABLE[$s]:-} ]]; then
      log "scenario $s: $(field "$s" 5) at $(field "$s" 3) connections"
      before=0
      if [[ $s == create || $s == batch_create ]]; then before=$(count_created); fi
      wrk_run "$s" "$(field "$s" 3)" "$(field "$s" 4)" "$(scenario_url "$s")" "$DURATION" "$RUN_DIR/wrk-$s.json" || true
      # creates: did every item of every 2xx answer become a row? (a batch answers 200 per batch)
      if [[ ($s == create || $s == batch_create) && -f $RUN_DIR/wrk-$s.json ]]; then
        jq --argjson rows "$(($(count_created) - before))" '. + {rows_created: $rows}' "$RUN_DIR/wrk-$s.json" \
          >"$RUN_DIR/wrk-$s.json.tmp" && mv "$RUN_DIR/wrk-$s.json.tmp" "$RUN_DIR/wrk-$s.json"
      fi
      [[ -f $RUN_DIR/wrk-$s.json ]] && log "  $(jq -r '"\(.rps | round) req/s, p50 \(.latency_us.p50 / 1000) ms, p99 \(.latency_us.p99 / 1000) ms, non-2xx \(.non2xx)"' "$RUN_DIR/wrk-$s.json")"
    fi
    if ((CEILINGS)); then
      [[ $s == list_owner_deep && -z $DEEP_CURSOR_ID ]] && continue
      log "  database ceiling: pgbench $(field "$s" 6), $POOL_SIZE clients"
      pgbench_run "$s" "$DURATION" "$RUN_DIR/pgbench-$s.json"
      log "  $(jq -r '"\(.tps | round) tps, p50 \(.latency_ms.p50) ms, p99 \(.latency_ms.p99) ms"' "$RUN_DIR/pgbench-$s.json")"
    fi
  done

  record_memory "$RUN_DIR/service.json"
  stop_service
  unset AVAILABLE
done
clean_data

# ---------------------------------------------------------------------------------------------
# Report
jq -n \
  --arg stamp "$STAMP" --arg jdk "$JDK_VERSION" --arg java "$JAVA" --arg jar "$JAR" \
  --arg commit "$(GIT_OPTIONAL_LOCKS=0 git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo unknown)" \
  --arg dirty "$(GIT_OPTIONAL_LOCKS=0 git -C "$REPO_DIR" diff-index --quiet HEAD -- 2>/dev/null && echo false || echo true)" \
  --argjson runs "$RUNS" --argjson duration "$DURATION" --argjson warmup "$WARMUP" \
  --argjson vt "$( ((VIRTUAL_THREADS)) && echo true || echo false)" --arg jvm_options "${JVM_OPTS[*]}" \
  --argjson pool "$POOL_SIZE" --argjson rate "$RATE_LIMIT" --argjson max_id "$MAX_ID" \
  --arg sync_from "$SYNC_FROM" --arg deep_cursor_id "$DEEP_CURSOR_ID" --arg data_load_s "$DATA_LOAD_S" \
  --arg cpu "$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)" --argjson cores "$(nproc)" \
  --arg pg "$(psql -X -At -d "$DB" -c 'show server_version')" \
  --arg shared_buffers "$(psql -X -At -d "$DB" -c 'show shared_buffers')" \
  --arg scenarios "$SCENARIOS_TABLE" \
  '{timestamp: $stamp, jdk: $jdk, java: $java, jar: $jar, git_commit: $commit, git_dirty: ($dirty == "true"),
    runs: $runs, duration_s: $duration, warmup_s: $warmup, virtual_threads: $vt, jvm_options: $jvm_options,
    pool_size: $pool, pgbench_clients: $pool, rate_limit_per_second: $rate, rate_limit_burst: $rate,
    dataset_max_id: $max_id, sync_from: $sync_from, deep_cursor_after_id: $deep_cursor_id,
    data_load_s: ($data_load_s | tonumber? // null), cpu: $cpu, cores: $cores, postgres: $pg,
    postgres_shared_buffers: $shared_buffers,
    scenarios: ($scenarios | split("\n") | map(split("|") | {name: .[0], letter: .[1],
      connections: (.[2] | tonumber), request: .[4], pgbench: .[5], items_per_request: (.[6] | tonumber)}))}' \
  >"$RESULTS/meta.json"

python3 "$BENCH_DIR/report.py" report "$RESULTS" | tee "$RESULTS/table.txt"
if [[ -s $RESULTS/chart.dat ]]; then
  gnuplot -e "datafile='$RESULTS/chart.dat'; outfile='$RESULTS/chart.png'; subtitle='$(jq -r '"JDK \(.jdk), \(if .virtual_threads then "virtual" else "platform" end) threads, \(.runs) run(s) x \(.duration_s) s, commit \(.git_commit)"' "$RESULTS/meta.json")'" \
    "$BENCH_DIR/chart.gnuplot" && log "chart: $RESULTS/chart.png"
fi
log "results: $RESULTS"
