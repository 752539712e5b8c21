#!/usr/bin/env bash
# Benchmark of the opportunities service: the one command to rerun it. See bench/README.md.
#
#   bench/run.sh                       # every scenario and the open-model mix, 1 run (about 15 minutes)
#   bench/run.sh --runs 3              # three runs, medians reported
#   bench/run.sh --scenario get_by_id --duration 5 --warmup 3    # a quick check
#   bench/run.sh --scenario open_model # only the open-model mix (closed-loop maximum, then 50% and 80% of it)
#   bench/run.sh --size 100000         # on a data set of another size (a database of its own)
#   bench/run.sh --no-virtual-threads  # platform threads instead of virtual threads
#   bench/run.sh --no-aot-cache        # plain java -jar: no extracted jar, no JDK 25 AOT cache
#   bench/run.sh --spring-aot          # the service built with -Pspring-aot, run with -Dspring.aot.enabled=true
#
# It installs what it lacks (wrk, gnuplot-nox, jq, curl; Debian packages), creates the database
# crm_bench (crm_bench_<size> for other sizes; it touches no other database), builds the jar if
# missing, and the bare Spring Boot ceiling app (bench/ceiling-app) and the Gatling simulation
# (bench/gatling) if missing, starts both apps on JDK 25 with the production JVM settings
# (-Xmx256m -XX:+UseParallelGC -XX:TrimNativeHeapInterval=1000 -XX:+UseCompactObjectHeaders, the
# service in Spring's ahead-of-time mode with --spring-aot, the jar extracted and an AOT
# cache made by a training run, see README "In production"; the service with CRM_BOOTSTRAP_KEY
# and a rate limit of 1,000,000/s so that it never answers 429; --rate-limit 0 turns the limiter
# off), loads bench/data/generate.sql
# when the database holds no data set of the requested size (or with --reload), and per run:
# restarts both apps (time to readiness of each, peak RSS), warms up, measures the service's HTTP
# ceiling (GET /actuator/health/liveness) at each concurrency used, then each scenario with wrk,
# right after it the bare Boot ceiling with the same wrk settings (interleaved, so that a noisy
# minute hits both), and its database ceiling with pgbench; then the open-model mix with Gatling.
# Results: bench/results/<timestamp>/ (summary.csv, summary.json, runs.csv, table.txt, chart.png,
# raw outputs per run).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)

RUNS=1
DURATION=20
WARMUP=10
PORT=18080
BARE_PORT=""
SIZE=1000000
DEEP_PAGE=1000
RELOAD=0
VIRTUAL_THREADS=1
AOT_CACHE=1
SPRING_AOT=0
CEILINGS=1
BARE=1
BUILD=0
SELECTED=()
OPEN_USERS=32
OPEN_LEVELS=50,80
RESULTS_OPT=""
JAVA_HOME_BENCH=${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAR=${BENCH_JAR:-$REPO_DIR/target/opportunities-service-0.1.0-SNAPSHOT.jar}
BARE_JAR=$BENCH_DIR/ceiling-app/target/bench-ceiling-app.jar
GATLING_DIR=$BENCH_DIR/gatling
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
export PGHOST PGPORT PGUSER
KEY_ID=${BENCH_KEY_ID:-benchadmin}
SECRET=${BENCH_SECRET:-bench_secret_4f9c2e7a1b}
RATE_LIMIT=1000000
SERVICE_OPTS=()
POOL_SIZE=${SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE:-10}
BATCH_SIZE=500
WRK_TIMEOUT=10s

# The scenarios, one line each:
# name | letter | connections | wrk script | request (as shown) | pgbench script of the database
# ceiling ("-": none) | items per request | path (wrk's URL; {cursor} and {sync_from} are filled in)
# | tags ("scaling": measured by bench/scaling.sh at every data set size)
# A GET scenario is one line here plus, for its database ceiling, one file in pgbench/.
SCENARIOS_TABLE=$(cat <<'EOF'
get_by_id|a|32|get_by_id.lua|GET /opportunities/{id}|get_by_id.sql|1|/opportunities/1|scaling
list_owner_first|b|16|static.lua|GET /opportunities?ownerID=1&isClosed=false&limit=100|list_owner_first.sql|1|/opportunities?ownerID=1&isClosed=false&limit=100|scaling
list_owner_deep|c|16|static.lua|GET /opportunities?ownerID=1&isClosed=false&limit=100&cursor=<page --deep-page, default 1000>|list_owner_deep.sql|1|/opportunities?ownerID=1&isClosed=false&limit=100&cursor={cursor}|scaling
list_close_date_amount|d|16|static.lua|GET /opportunities?closeDateFrom=2026-03-01&closeDateTo=2026-03-31&sort=amount,desc&limit=100|list_close_date_amount.sql|1|/opportunities?closeDateFrom=2026-03-01&closeDateTo=2026-03-31&sort=amount,desc&limit=100|scaling
sync_updated|e|16|static.lua|GET /opportunities?updateTimestampFrom=<T>&sort=updateTimestamp&limit=100|sync_updated.sql|1|/opportunities?updateTimestampFrom={sync_from}&sort=updateTimestamp&limit=100|scaling
rpc_get_opportunities|i|16|rpc_get_opportunities.lua|POST /pubapi/v1.2 getOpportunities {where:{ownerID}, limit:100}|rpc_get_opportunities.sql|1|/pubapi/v1.2|
create|f|16|create.lua|POST /opportunities|create.sql|1|/opportunities|
batch_create|g|4|batch_create.lua|POST /opportunities/batch (500 items)|batch_create.sql|500|/opportunities/batch|
patch|h|16|patch.lua|PATCH /opportunities/{id} {amount}|patch.sql|1|/opportunities/1|
events_feed|k|1|static.lua|GET /events?limit=500, one consumer (the feed's first 500 events: those of the write scenarios run before it; events/s = pages/s x 500)|-|500|/events?limit=500|
summary|j|16|static.lua|GET /opportunities/summary?groupBy=dealStageID (the whole pipeline by stage)|summary.sql|1|/opportunities/summary?groupBy=dealStageID|scaling
summary_owner|p|16|static.lua|GET /opportunities/summary?ownerID=5000&groupBy=dealStageID (one typical owner)|summary_owner.sql|1|/opportunities/summary?ownerID=5000&groupBy=dealStageID|scaling
summary_close_month|q|16|static.lua|GET /opportunities/summary?closeDateFrom=2026-01-01&closeDateTo=2026-12-31&groupBy=closeMonth|summary_close_month.sql|1|/opportunities/summary?closeDateFrom=2026-01-01&closeDateTo=2026-12-31&groupBy=closeMonth|scaling
EOF
)

# Not wrk scenarios: endpoints measured by another script of bench/ (the last field says which
# and why), in the same format; --list shows them and they are never run here.
SCENARIOS_PENDING=$(cat <<'EOF'
waterfall|l|16|static.lua|GET /opportunities/waterfall?from=2026-01-01&to=2026-03-31|-|1|/opportunities/waterfall?from=2026-01-01T00:00:00Z&to=2026-03-31T00:00:00Z|scaling|measured by bench/insight.sh, which loads the year of history it reads and waits for its projection
csv_export|n|1|csv_export.lua|GET /opportunities with Accept: text/csv (every row; rows/s)|-|0|/opportunities|scaling|measured by bench/insight.sh (rows/s of whole exports at -Xmx256m); a wrk scenario would count one item per request and cut the export at wrk's 10 s timeout
webhook_deliveries|o|4|-|deliveries/s to a local receiver, GET /webhooks/{id}/deliveries|-|1|/webhooks/{webhook_id}/deliveries||not a request rate: bench/webhooks.sh measures it (a receiver, its own service start, events it makes)
EOF
)

# Not a wrk scenario: the open-model mix run with Gatling (bench/gatling), selected like one.
OPEN_MODEL_NAME=open_model OPEN_MODEL_LETTER=m

usage() {
  cat <<EOF
Usage: bench/run.sh [options]
  --runs N               repeat the whole measurement N times (both apps restarted each run); medians reported (default $RUNS)
  --duration S           seconds per measurement: each scenario, each ceiling, each open-model level (default $DURATION)
  --warmup S             seconds of warm-up per scenario after each start (default $WARMUP)
  --scenario NAME        only this scenario (name or letter, see --list; repeat or comma-separate for several;
                         tag:scaling for those bench/scaling.sh runs; open_model or m for the open-model mix)
  --size N               opportunities in the data set (default $SIZE); other sizes than 1,000,000 live in
                         a database of their own, crm_bench_N
  --deep-page N          the page of list_owner_deep (default $DEEP_PAGE)
  --port P               HTTP port of the service (default $PORT)
  --bare-port P          HTTP port of the bare Spring Boot ceiling app (default: port + 10)
  --reload               reload the data set (bench/data/generate.sql) even if already loaded
  --no-virtual-threads   run both apps with -Dspring.threads.virtual.enabled=false
  --no-aot-cache         run the jars as they are (java -jar) instead of extracted with a JDK 25 AOT cache
  --spring-aot           the service in Spring's ahead-of-time mode (README, "In production"): a jar built
                         with ./mvnw -Pspring-aot (built here, on the bench's JDK, when the jar is not one)
                         run with -Dspring.aot.enabled=true; the bare Boot app stays as it is
  --no-ceilings          skip every ceiling (HTTP, bare Boot app, database)
  --no-bare              skip the bare Spring Boot ceiling app only
  --open-users N         concurrency of the open-model mix's closed-loop maximum (default $OPEN_USERS)
  --open-levels L,L      open-model arrival rates, in % of that maximum (default $OPEN_LEVELS)
  --rate-limit N         CRM_RATE_LIMIT_PER_SECOND and _BURST of the service (default $RATE_LIMIT: never 429;
                         0 turns the service's rate limiting off)
  --service-opt K=V      a setting of the service only, given as --K=V (repeatable), to compare a change
                         with and without it on the same jar: --service-opt crm.security.key-cache=false
  --results DIR          write the results there instead of bench/results/<timestamp>
  --build                rebuild the jars (service, ceiling app) and the Gatling simulation
  --list                 list the scenarios and exit
Environment: BENCH_JAVA_HOME (default $JAVA_HOME_BENCH), BENCH_JAR, BENCH_JAVA_OPTS (extra JVM options
  of both apps), BENCH_KEY_ID / BENCH_SECRET (bootstrap key), PGHOST/PGPORT/PGUSER (default 127.0.0.1/5432/postgres).
EOF
}

list_scenarios() {
  echo "$SCENARIOS_TABLE" | awk -F'|' '{printf "%s) %-24s %3s conns  %s%s\n", $2, $1, $3, $5, ($9 == "" ? "" : "  [" $9 "]")}'
  printf '%s) %-24s %3s users  %s\n' "$OPEN_MODEL_LETTER" "$OPEN_MODEL_NAME" "$OPEN_USERS" \
    "Gatling: 60% GET by id, 25% lists (one by a custom field), 10% PATCH, 5% create; closed-loop maximum, then open at $OPEN_LEVELS% of it"
  echo "measured by another script (never run here):"
  echo "$SCENARIOS_PENDING" | awk -F'|' '{printf "%s) %-24s %3s conns  %s  [elsewhere: %s]\n", $2, $1, $3, $5, $10}'
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) RUNS=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --scenario) IFS=',' read -r -a more <<<"$2"; SELECTED+=("${more[@]}"); shift 2 ;;
    --size) SIZE=$2; shift 2 ;;
    --deep-page) DEEP_PAGE=$2; shift 2 ;;
    --port) PORT=$2; shift 2 ;;
    --bare-port) BARE_PORT=$2; shift 2 ;;
    --reload) RELOAD=1; shift ;;
    --no-virtual-threads) VIRTUAL_THREADS=0; shift ;;
    --no-aot-cache) AOT_CACHE=0; shift ;;
    --spring-aot) SPRING_AOT=1; shift ;;
    --no-ceilings) CEILINGS=0; BARE=0; shift ;;
    --no-bare) BARE=0; shift ;;
    --open-users) OPEN_USERS=$2; shift 2 ;;
    --open-levels) OPEN_LEVELS=$2; shift 2 ;;
    --rate-limit) RATE_LIMIT=$2; shift 2 ;;
    --service-opt)
      [[ $2 =~ ^[A-Za-z0-9_.-]+=[^[:space:]]*$ ]] || { echo "--service-opt: NAME=VALUE" >&2; exit 2; }
      SERVICE_OPTS+=("--$2"); shift 2 ;;
    --results) RESULTS_OPT=$2; shift 2 ;;
    --build) BUILD=1; shift ;;
    --list) list_scenarios; exit 0 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done

BARE_PORT=${BARE_PORT:-$((PORT + 10))}
for v in RUNS DURATION WARMUP PORT BARE_PORT RATE_LIMIT SIZE DEEP_PAGE OPEN_USERS; do
  [[ ${!v} =~ ^[0-9]+$ ]] || { echo "--${v,,} must be a number" >&2; exit 2; }
done
[[ $OPEN_LEVELS =~ ^[0-9]+(,[0-9]+)*$ ]] || { echo "--open-levels: percentages, comma-separated" >&2; exit 2; }
((RUNS >= 1 && DURATION >= 1)) || { echo "--runs and --duration must be at least 1" >&2; exit 2; }
((SIZE >= 10000 && SIZE <= 100000000)) || { echo "--size must be between 10,000 and 100,000,000" >&2; exit 2; }
((DEEP_PAGE >= 2)) || { echo "--deep-page must be at least 2" >&2; exit 2; }
((SPRING_AOT && !VIRTUAL_THREADS)) &&
  { echo "--spring-aot fixes the threads at build time: not with --no-virtual-threads" >&2; exit 2; }
((PORT != BARE_PORT)) || { echo "--port and --bare-port must differ" >&2; exit 2; }
[[ $KEY_ID =~ ^[A-Za-z0-9_]+$ && $SECRET =~ ^[A-Za-z0-9_]+$ ]] ||
  { echo "BENCH_KEY_ID and BENCH_SECRET: letters, digits and _ only" >&2; exit 2; }
TOKEN="$KEY_ID.$SECRET"
# the 1,000,000-row data set keeps the historical name; other sizes get a database each, so that
# switching sizes does not reload
if ((SIZE == 1000000)); then DB=crm_bench; else DB=crm_bench_$SIZE; fi

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------------------------------------
# Scenario selection
declare -a SCEN_NAMES=()
OPEN_MODEL=0
[[ ${#SELECTED[@]} -eq 0 ]] && OPEN_MODEL=1
while IFS='|' read -r name letter _ _ _ _ _ _ tags; do
  if [[ ${#SELECTED[@]} -eq 0 ]]; then
    SCEN_NAMES+=("$name")
  else
    for s in "${SELECTED[@]}"; do
      if [[ $s == "$name" || $s == "$letter" || ($s == tag:* && ,$tags, == *",${s#tag:},"*) ]]; then
        SCEN_NAMES+=("$name")
        break
      fi
    done
  fi
done <<<"$SCENARIOS_TABLE"
for s in "${SELECTED[@]}"; do
  if [[ $s == "$OPEN_MODEL_NAME" || $s == "$OPEN_MODEL_LETTER" ]]; then
    OPEN_MODEL=1
  elif [[ $s == tag:* ]]; then
    :
  elif echo "$SCENARIOS_PENDING" | awk -F'|' -v s="$s" '$1 == s || $2 == s {found = 1} END {exit !found}'; then
    die "scenario '$s' is not run here: $(echo "$SCENARIOS_PENDING" | awk -F'|' -v s="$s" '$1 == s || $2 == s {print $10}')"
  else
    echo "$SCENARIOS_TABLE" | awk -F'|' -v s="$s" '$1 == s || $2 == s {found = 1} END {exit !found}' ||
      die "unknown scenario '$s' (see --list)"
  fi
done
((${#SCEN_NAMES[@]} > 0 || OPEN_MODEL)) || die "no scenario selected (see --list)"
field() { # field <scenario> <column 1..9>
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
# The service and the bare Spring Boot ceiling app
SERVICE_PID="" BARE_PID=""
stop_pid() { # stop_pid <pid>: SIGTERM, up to 30 s for a graceful stop, then SIGKILL
  local pid=$1
  [[ -n $pid ]] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}
stop_service() { stop_pid "$SERVICE_PID"; SERVICE_PID=""; }
stop_bare() { stop_pid "$BARE_PID"; BARE_PID=""; }
GATLING_PID=""
stop_all() { stop_pid "$GATLING_PID"; stop_service; stop_bare; }
trap 'stop_all' EXIT
trap 'log "interrupted"; exit 130' INT TERM

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; } # elapsed <start> <end>

# wait_ready <pid> <url> <what> <log file> <t0> <startup json>: polls <url> every 50 ms until it
# answers 2xx, then writes the time since <t0> (process start) to <startup json>
wait_ready() {
  local pid=$1 url=$2 what=$3 logfile=$4 t0=$5 out=$6
  local deadline=$((SECONDS + 180))
  until curl -sf -o /dev/null --max-time 2 -H "Authorization: Bearer $TOKEN" "$url"; do
    kill -0 "$pid" 2>/dev/null || { tail -30 "$logfile" >&2; die "the $what exited during startup (log: $logfile)"; }
    ((SECONDS < deadline)) || { tail -30 "$logfile" >&2; die "the $what was not ready after 180 s (log: $logfile)"; }
    sleep 0.05
  done
  local t1 started running
  t1=$(now)
  # "Started OpportunitiesApplication in 6.3 seconds (process running for 7.1)"
  started=$(sed -n 's/.*Started [A-Za-z]* in \([0-9.]*\) seconds.*/\1/p' "$logfile" | head -1)
  running=$(sed -n 's/.*Started [A-Za-z]* in [0-9.]* seconds (process running for \([0-9.]*\)).*/\1/p' "$logfile" | head -1)
  jq -n --argjson ready "$(elapsed "$t0" "$t1")" --arg started "${started:-}" --arg running "${running:-}" \
    --arg pid "$pid" \
    '{ready_s: ($ready * 1000 | round / 1000), spring_started_s: ($started | tonumber? // null),
      spring_process_running_s: ($running | tonumber? // null), pid: ($pid | tonumber)}' >"$out"
  log "$what ready in $(jq -r .ready_s "$out") s (Spring: started in ${started:-?} s), pid $pid"
}

port_free() { ! curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$1/"; }

# start_service <log file> <startup json>
start_service() {
  local logfile=$1 out=$2
  port_free "$PORT" || die "something already listens on port $PORT (use --port)"
  # production settings (JVM_OPTS) plus a GC log, a file of its own that costs next to nothing
  local jvm_opts=("${JVM_OPTS[@]}" "${SERVICE_JVM_OPTS[@]}" "${SERVICE_AOT_OPTS[@]}" "-Xlog:gc:file=$(dirname "$logfile")/gc.log")
  local t0
  t0=$(now)
  SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB?reWriteBatchedInserts=true" \
    SPRING_DATASOURCE_USERNAME="$PGUSER" \
    PORT="$PORT" \
    CRM_BOOTSTRAP_KEY="$TOKEN" \
    CRM_RATE_LIMIT_PER_SECOND="$RATE_LIMIT" \
    CRM_RATE_LIMIT_BURST="$RATE_LIMIT" \
    "$JAVA" "${jvm_opts[@]}" -jar "$RUN_JAR" "${SERVICE_OPTS[@]}" >"$logfile" 2>&1 </dev/null &
  SERVICE_PID=$!
  wait_ready "$SERVICE_PID" "http://127.0.0.1:$PORT/actuator/health/readiness" service "$logfile" "$t0" "$out"
}

# start_bare <log file> <startup json>: the same JDK, JVM options and kind of AOT cache as the
# service; ready when its one endpoint answers (it has no actuator)
start_bare() {
  local logfile=$1 out=$2
  port_free "$BARE_PORT" || die "something already listens on port $BARE_PORT (use --bare-port)"
  local jvm_opts=("${JVM_OPTS[@]}" "${BARE_AOT_OPTS[@]}" "-Xlog:gc:file=$(dirname "$logfile")/bare-gc.log")
  local t0
  t0=$(now)
  PORT="$BARE_PORT" "$JAVA" "${jvm_opts[@]}" -jar "$BARE_RUN_JAR" >"$logfile" 2>&1 </dev/null &
  BARE_PID=$!
  wait_ready "$BARE_PID" "http://127.0.0.1:$BARE_PORT/ceiling" "bare Boot app" "$logfile" "$t0" "$out"
}

# record_memory <pid> <json>: peak RSS (VmHWM) and current RSS of a process, in MiB
record_memory() {
  local pid=$1 out=$2
  local hwm rss
  hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
  rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
  jq --argjson hwm "${hwm:-0}" --argjson rss "${rss:-0}" \
    '. + {peak_rss_mib: ($hwm / 1024 | . * 10 | round / 10), rss_at_end_mib: ($rss / 1024 | . * 10 | round / 10)}' \
    "$out" >"$out.tmp" && mv "$out.tmp" "$out"
}

# record_health <json> <log>: does the service still answer after every measurement, and did it
# run out of memory (an open model past the service's capacity can pile requests up until then)
record_health() {
  local out=$1 logfile=$2 alive=false oom
  curl -sf -o /dev/null --max-time 5 "http://127.0.0.1:$PORT/actuator/health/liveness" && alive=true
  oom=$(grep -c 'OutOfMemoryError' "$logfile" || true)
  jq --argjson alive "$alive" --argjson oom "${oom:-0}" '. + {answering_at_end: $alive, out_of_memory_errors: $oom}' \
    "$out" >"$out.tmp" && mv "$out.tmp" "$out"
  [[ $alive == true ]] || log "WARNING: the service no longer answers its liveness probe"
  ((oom == 0)) || log "WARNING: the service logged $oom OutOfMemoryError(s) (log: $logfile)"
}

# ---------------------------------------------------------------------------------------------
# HTTP helpers
BASE="http://127.0.0.1:$PORT"
BARE_BASE="http://127.0.0.1:$BARE_PORT"
CURL_AUTH=(-H "Authorization: Bearer $TOKEN" -H "Accept: application/json")

scenario_url() { # the URL wrk gets for a scenario: its path, placeholders filled in
  local path
  path=$(field "$1" 8)
  path=${path//\{cursor\}/$DEEP_CURSOR}
  path=${path//\{sync_from\}/$SYNC_FROM}
  echo "$BASE$path"
}

# One request of the scenario before measuring it: a scenario whose request fails (endpoint not
# there yet: 404/405; auth; ...) is reported as skipped instead of measured.
preflight() { # preflight <scenario> <out json>
  local s=$1 out=$2 body=/tmp/bench-preflight.$$ status rpc_error=""
  local CURL_AUTH=(--max-time 60 "${CURL_AUTH[@]}")
  if [[ $s == list_owner_deep && -z $DEEP_CURSOR ]]; then
    jq -n --arg reason "${DEEP_CURSOR_ERROR:-no cursor of page $DEEP_PAGE}" '{ok: false, status: null, reason: $reason}' >"$out"
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

# key_cache_metrics <label>: the service's key cache counters so far (README "The key cache"), to
# see whether key checks were answered from memory under load: appended to key-cache-metrics.txt
key_cache_metrics() {
  local metrics
  metrics=$(curl -sf --max-time 5 -H "Authorization: Bearer $TOKEN" "$BASE/actuator/prometheus" 2>/dev/null |
    grep '^crm_key_') || return 0
  sed "s/^/$1 /" <<<"$metrics" >>"$RUN_DIR/key-cache-metrics.txt"
  log "  key checks so far: $(awk '/^crm_key_checks_total/ { split($1, t, "answered=\""); split(t[2], a, "\""); printf "%s %d  ", a[1], $2 }' <<<"$metrics")"
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
  if [[ -n $loaded && $loaded != "$SIZE" ]]; then
    log "$DB holds $loaded opportunities, not $SIZE: loading the data set again"
  fi
  if [[ -z $loaded || $loaded != "$SIZE" || $RELOAD == 1 ]]; then
    # bounded: about 40 s per million rows on 2 cores when the machine is quiet
    local limit=$((300 + SIZE / 1000000 * 300))
    log "loading the data set of $SIZE opportunities: bench/data/generate.sql (straight into PostgreSQL; at most $limit s)"
    local t0 t1
    t0=$(now)
    timeout "$limit" psql -X -q -v ON_ERROR_STOP=1 -v size="$SIZE" -d "$DB" -f "$BENCH_DIR/data/generate.sql" \
      >"$RESULTS/data-load.log" 2>&1 ||
      { tail -20 "$RESULTS/data-load.log" >&2; die "generate.sql failed or took more than $limit s (log: $RESULTS/data-load.log)"; }
    t1=$(now)
    DATA_LOAD_S=$(printf '%.1f' "$(elapsed "$t0" "$t1")")
    log "data set loaded in $DATA_LOAD_S s"
  else
    log "data set of $SIZE opportunities already loaded ($(dataset_value loaded_at)); --reload to load it again"
  fi
  MAX_ID=$(dataset_value max_opportunity_id)
  # ids of the rows pgbench inserts (database ceilings of the creates), far above the service's
  psql_bench -c "set client_min_messages = warning" -c "create sequence if not exists bench.pgbench_opportunity_id_seq
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
  # the events the writes recorded and their projected states: statistics for the projection's
  # plans, as autovacuum would keep them (it may be off, as on this project's CI machine, where a
  # state table never analyzed made each chunk of the projection ten times slower)
  psql_bench -c "analyze crm.event" -c "analyze crm.opportunity_state"
  # the rollup's folds delete the rows they sum: without autovacuum its dead rows pile up (230 MB,
  # 2.66 million dead rows around 7 live after a day of runs: the whole pipeline's summary fell
  # from 1,211 to 21 req/s, BENCHMARKS.md, twelfth round); a plain VACUUM leaves the file at its
  # size (the live rows are at its end), which every summary still reads through
  psql_bench -c "vacuum full crm.opportunity_rollup"
}

count_created() { psql_bench -c "select count(*) from crm.opportunity where id > $MAX_ID"; }

# The cursor of page --deep-page (default 1,000) of owner 1's open opportunities: walk the pages once.
DEEP_CURSOR="" DEEP_CURSOR_VALUE="" DEEP_CURSOR_ID="" DEEP_CURSOR_ERROR=""
walk_cursor() {
  local url="$BASE/opportunities?ownerID=1&isClosed=false&limit=100" cursor="" page t0 status
  local body=/tmp/bench-page.$$
  t0=$(now)
  for page in $(seq 1 $((DEEP_PAGE - 1))); do
    status=$(curl -s --max-time 30 -o "$body" -w '%{http_code}' "${CURL_AUTH[@]}" "$url${cursor:+&cursor=$cursor}" || true)
    cursor=$(jq -r '.nextCursor // empty' "$body" 2>/dev/null || true)
    if [[ $status != 200 || -z $cursor ]]; then
      DEEP_CURSOR_ERROR="walking to page $DEEP_PAGE failed at page $page (HTTP $status$([[ $status == 200 ]] && echo ", no nextCursor" || true))"
      log "$DEEP_CURSOR_ERROR"
      rm -f "$body"
      return 0
    fi
  done
  rm -f "$body"
  DEEP_CURSOR=$cursor
  # the keyset inside the cursor (base64url of {"sort","desc","value","id","filters"}, a dot, and
  # its signature), for pgbench
  read -r DEEP_CURSOR_VALUE DEEP_CURSOR_ID < <(python3 -c '
import base64, json, sys
c = sys.argv[1].split(".")[0]; c += "=" * (-len(c) % 4)
d = json.loads(base64.urlsafe_b64decode(c)); print(d["value"], d["id"])' "$cursor")
  log "cursor of page $DEEP_PAGE found in $(printf '%.1f' "$(elapsed "$t0" "$(now)")") s (after id $DEEP_CURSOR_ID)"
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

STAMP=$(date -u +%Y%m%d-%H%M%S)
RESULTS=${RESULTS_OPT:-"$BENCH_DIR/results/$STAMP$( ((VIRTUAL_THREADS)) || echo -platform-threads)$( ((RATE_LIMIT)) || echo -no-rate-limit)$( ((SIZE == 1000000)) || echo "-size$SIZE")$(for o in "${SERVICE_OPTS[@]}"; do printf -- '-%s' "${o#--}"; done | tr '/=' '__')"}
mkdir -p "$RESULTS"
RESULTS=$(cd "$RESULTS" && pwd)

# stale <file> <dir>: true when <file> is missing or a file under <dir> changed after it was made
stale() { [[ ! -f $1 ]] || [[ -n $(find "$2" -newer "$1" -type f -print -quit) ]]; }

if ! ((SPRING_AOT)) && [[ ! -f $JAR || $BUILD == 1 ]]; then
  log "building the jar (./mvnw -q -DskipTests package in $REPO_DIR)"
  (cd "$REPO_DIR" && timeout 1200 ./mvnw -q -DskipTests package) || die "the build failed"
fi
# spring_aot_jar: whether the jar holds Spring's ahead-of-time initializer
spring_aot_jar() {
  unzip -l "$JAR" 'BOOT-INF/classes/com/leadgencrm/opportunities/OpportunitiesApplication__ApplicationContextInitializer.class' >/dev/null 2>&1
}
if ((SPRING_AOT)) && { [[ ! -f $JAR || $BUILD == 1 ]] || ! spring_aot_jar; }; then
  [[ -z ${BENCH_JAR:-} ]] || die "--spring-aot: $JAR was not built with -Pspring-aot"
  # clean: no generated class of an earlier build left behind; the conditions are evaluated by the
  # JDK that builds, so the bench's (README, "In production")
  log "building the jar with Spring's ahead-of-time processing (./mvnw -q -Pspring-aot -Dmaven.test.skip=true clean package, JDK $JAVA_HOME_BENCH)"
  (cd "$REPO_DIR" && JAVA_HOME=$JAVA_HOME_BENCH PATH="$JAVA_HOME_BENCH/bin:$PATH" \
    timeout 1200 ./mvnw -q -Pspring-aot -Dmaven.test.skip=true clean package) || die "the build failed"
  spring_aot_jar || die "no ahead-of-time initializer in $JAR"
fi
[[ -f $JAR ]] || die "no jar at $JAR"
if ((BARE)) && { stale "$BARE_JAR" "$BENCH_DIR/ceiling-app/src" || ((BUILD)); }; then
  log "building the bare Boot ceiling app (./mvnw -q -f bench/ceiling-app/pom.xml -DskipTests package)"
  (cd "$REPO_DIR" && timeout 600 ./mvnw -q -f bench/ceiling-app/pom.xml -DskipTests package) >"$RESULTS/build-ceiling-app.log" 2>&1 ||
    { tail -20 "$RESULTS/build-ceiling-app.log" >&2; die "the ceiling app's build failed"; }
fi
GATLING_CLASSPATH_FILE=$GATLING_DIR/target/classpath.txt
if ((OPEN_MODEL)) && { stale "$GATLING_CLASSPATH_FILE" "$GATLING_DIR/src" || [[ $GATLING_DIR/pom.xml -nt $GATLING_CLASSPATH_FILE ]] || ((BUILD)); }; then
  log "building the Gatling simulation (./mvnw -q -f bench/gatling/pom.xml test-compile dependency:build-classpath)"
  rm -f "$GATLING_CLASSPATH_FILE"
  (cd "$REPO_DIR" && timeout 600 ./mvnw -q -f bench/gatling/pom.xml test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test) >"$RESULTS/build-gatling.log" 2>&1 ||
    { tail -20 "$RESULTS/build-gatling.log" >&2; die "the Gatling simulation's build failed"; }
fi

# The JVM options of a production start: a 256 MiB heap and the parallel collector (on 2 cores it
# serves about 20% more requests than G1 with a p99 half as long: G1's concurrent work competes
# with the requests for the two cores), the native heap trimmed each second (glibc's arenas 25 MiB
# smaller at the peak: BENCHMARKS.md, thirteenth round; JDK 22 and later) and compact object
# headers (the peak about 33 MiB lower: fourteenth round; JDK 25). The bare Boot app gets the same.
JVM_OPTS=(-Xmx256m -XX:+UseParallelGC)
jdk_feature=${JDK_VERSION%%.*}
[[ $jdk_feature =~ ^[0-9]+$ ]] || jdk_feature=0
((jdk_feature >= 22)) && JVM_OPTS+=(-XX:TrimNativeHeapInterval=1000)
((jdk_feature >= 25)) && JVM_OPTS+=(-XX:+UseCompactObjectHeaders)
((VIRTUAL_THREADS)) || JVM_OPTS+=(-Dspring.threads.virtual.enabled=false)
SERVICE_JVM_OPTS=()
((SPRING_AOT)) && SERVICE_JVM_OPTS+=(-Dspring.aot.enabled=true)
# shellcheck disable=SC2206
[[ -n ${BENCH_JAVA_OPTS:-} ]] && JVM_OPTS+=($BENCH_JAVA_OPTS)
RUN_JAR=$JAR BARE_RUN_JAR=$BARE_JAR
SERVICE_AOT_OPTS=() BARE_AOT_OPTS=()
# Startup: the jar extracted (java -Djarmode=tools) and a JDK 25 AOT cache recorded by a training
# run that stops once the application context is refreshed (Spring Boot's documented way, see
# "Efficient deployments"). The cache is remade whenever the jar or the options change.
# prepare_aot_cache <what> <jar> <dir> [VAR=value ...]: sets AOT_RUN_JAR and AOT_OPTS
prepare_aot_cache() {
  local what=$1 jar=$2 dir=$3 key
  shift 3
  local opts=("${JVM_OPTS[@]}")
  [[ $what == service ]] && opts+=("${SERVICE_JVM_OPTS[@]}")
  key=$( (sha256sum "$jar" | cut -c1-16; echo "$JDK_VERSION ${opts[*]}") | sha256sum | cut -c1-16)
  AOT_RUN_JAR=$dir/$(basename "$jar")
  # the same bytes under another name (BENCH_JAR=/tmp/B.jar, then the built jar) are extracted again
  if [[ -f $dir/app.aot && -f $AOT_RUN_JAR && $(cat "$dir/key" 2>/dev/null) == "$key" ]]; then
    log "AOT cache of the $what up to date ($dir/app.aot)"
  else
    log "$what: extracting the jar and recording an AOT cache (training run: start, refresh, exit)"
    rm -rf "$dir"
    "$JAVA" -Djarmode=tools -jar "$jar" extract --destination "$dir" >/dev/null || die "jar extraction failed ($jar)"
    env "$@" timeout 300 "$JAVA" "${opts[@]}" -XX:AOTCacheOutput="$dir/app.aot" -Dspring.context.exit=onRefresh \
      -jar "$AOT_RUN_JAR" >"$dir/training.log" 2>&1 </dev/null ||
      { tail -20 "$dir/training.log" >&2; die "the AOT training run of the $what failed (log: $dir/training.log)"; }
    echo "$key" >"$dir/key"
  fi
  AOT_OPTS=(-XX:AOTCache="$dir/app.aot")
}
if ((AOT_CACHE)); then
  if [[ ${JDK_VERSION%%.*} -ge 25 ]] 2>/dev/null; then
    prepare_aot_cache service "$JAR" "$BENCH_DIR/results/app" \
      SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB?reWriteBatchedInserts=true" \
      SPRING_DATASOURCE_USERNAME="$PGUSER" PORT="$PORT" CRM_BOOTSTRAP_KEY="$TOKEN"
    RUN_JAR=$AOT_RUN_JAR SERVICE_AOT_OPTS=("${AOT_OPTS[@]}")
    if ((BARE)); then
      prepare_aot_cache "bare Boot app" "$BARE_JAR" "$BENCH_DIR/results/bare-app" PORT="$BARE_PORT"
      BARE_RUN_JAR=$AOT_RUN_JAR BARE_AOT_OPTS=("${AOT_OPTS[@]}")
    fi
  else
    log "no AOT cache: it needs JDK 25"
  fi
fi

DATA_LOAD_S=""
MAX_ID=$SIZE SYNC_FROM=""
log "results: $RESULTS"
log "data set: $SIZE opportunities in $DB"
log "scenarios: ${SCEN_NAMES[*]:-none}$( ((OPEN_MODEL)) && echo " + $OPEN_MODEL_NAME"); $RUNS run(s) of $DURATION s per measurement, $WARMUP s warm-up"

# distinct concurrencies of the selected scenarios, for the HTTP ceiling
CONCURRENCIES=()
((${#SCEN_NAMES[@]} == 0)) || mapfile -t CONCURRENCIES < <(for s in "${SCEN_NAMES[@]}"; do field "$s" 3; done | sort -rnu)

# The open-model mix (bench/gatling/.../MixSimulation.java): one Gatling JVM per load profile,
# each warming up for --warmup s at its own load before the --duration s that count.
GATLING_JVM_OPTS=(-Xms512m -Xmx512m -XX:+UseG1GC -XX:MaxInlineLevel=20 -XX:MaxTrivialSize=12
  --enable-native-access=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED
  -Dlogback.configurationFile=logback-test.xml)
# gatling_run <label> <out dir> [-Dbench.x=y ...]
gatling_run() {
  local label=$1 out=$2 rc=0
  shift 2
  mkdir -p "$out"
  timeout $((WARMUP + DURATION + 240)) "$JAVA" "${GATLING_JVM_OPTS[@]}" \
    -Dbench.baseUrl="$BASE" -Dbench.token="$TOKEN" -Dbench.maxId="$MAX_ID" -Dbench.syncFrom="$SYNC_FROM" \
    -Dbench.warmup="$WARMUP" -Dbench.duration="$DURATION" "$@" \
    -cp "$GATLING_DIR/target/test-classes:$(cat "$GATLING_CLASSPATH_FILE")" io.gatling.app.Gatling \
    --simulation bench.MixSimulation --results-folder "$out" --run-description "$label" \
    >"$out.log" 2>&1 </dev/null &
  GATLING_PID=$!
  wait "$GATLING_PID" || rc=$?
  GATLING_PID=""
  ((rc == 0)) || log "Gatling failed for $label (exit $rc; log: $out.log)"
  return $rc
}

# open_model_run <run dir>: the closed-loop maximum of the mix, then the open model at each level
open_model_run() {
  local dir=$1 max level rate
  if ((${#SCEN_NAMES[@]} == 0)); then
    # no wrk scenario ran before: a freshly started service would spend the closed-loop run
    # compiling (its maximum would be a fraction of the warm one); a discarded run first
    log "open model: warm-up of the service, $((2 * WARMUP)) s of the mix, closed loop (discarded)"
    WARMUP=$WARMUP DURATION=$WARMUP gatling_run warmup "$dir/gatling-warmup" -Dbench.mode=closed \
      -Dbench.users="$OPEN_USERS" || true
  fi
  log "open model: closed-loop maximum of the mix, $OPEN_USERS users (Gatling)"
  if gatling_run "closed-c$OPEN_USERS" "$dir/gatling-closed" -Dbench.mode=closed -Dbench.users="$OPEN_USERS" &&
    python3 "$BENCH_DIR/report.py" gatling "$dir/gatling-closed" "$DURATION" "$dir/openmodel-closed.json" \
      '{"profile": "closed", "users": '"$OPEN_USERS"'}'; then
    log "  $(jq -r '"\(.rps | round) req/s, p50 \(.latency_ms.p50) ms, p99 \(.latency_ms.p99) ms, p99.9 \(.latency_ms.p999) ms, errors \(.errors)"' "$dir/openmodel-closed.json")"
  else
    log "open model: no closed-loop maximum, so no open-model run"
    return 0
  fi
  max=$(jq -r .rps "$dir/openmodel-closed.json")
  for level in ${OPEN_LEVELS//,/ }; do
    rate=$(awk -v m="$max" -v l="$level" 'BEGIN { printf "%.1f", m * l / 100 }')
    log "open model: $rate requests/s arriving at fixed intervals ($level% of $(printf '%.0f' "$max"))"
    if gatling_run "open-$level" "$dir/gatling-open$level" -Dbench.mode=open -Dbench.rate="$rate" &&
      python3 "$BENCH_DIR/report.py" gatling "$dir/gatling-open$level" "$DURATION" "$dir/openmodel-open$level.json" \
        '{"profile": "open", "level_pct": '"$level"', "target_rps": '"$rate"'}'; then
      log "  $(jq -r '"\(.rps | round) req/s, p50 \(.latency_ms.p50) ms, p99 \(.latency_ms.p99) ms, p99.9 \(.latency_ms.p999) ms, errors \(.errors)"' "$dir/openmodel-open$level.json")"
    fi
  done
}

for run in $(seq 1 "$RUNS"); do
  RUN_DIR="$RESULTS/run-$run"
  mkdir -p "$RUN_DIR"
  log "=== run $run of $RUNS"
  # both apps start alone (the other idle), each from its AOT cache: their times to readiness
  ((BARE)) && start_bare "$RUN_DIR/bare.log" "$RUN_DIR/bare.json"
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

  if ((WARMUP > 0 && ${#CONCURRENCIES[@]} > 0)); then
    log "warm-up: ${WARMUP} s per scenario"
    wrk_run warmup "${CONCURRENCIES[0]}" static.lua "$BASE/actuator/health/liveness" "$WARMUP" "$RUN_DIR/warmup.json" || true
    # the bare app at every concurrency it will be measured at: it is measured often, and a cold
    # JIT would lower its first figures
    if ((BARE)); then
      for c in "${CONCURRENCIES[@]}"; do
        wrk_run "warmup-bare-c$c" "$c" static.lua "$BARE_BASE/ceiling" "$WARMUP" "$RUN_DIR/warmup.json" || true
      done
    fi
    for s in "${SCEN_NAMES[@]}"; do
      [[ -n ${AVAILABLE[$s]:-} ]] || continue
      wrk_run "warmup-$s" "$(field "$s" 3)" "$(field "$s" 4)" "$(scenario_url "$s")" "$WARMUP" "$RUN_DIR/warmup.json" || true
    done
    rm -f "$RUN_DIR/warmup.json" "$RUN_DIR/warmup.txt"
  fi

  if ((CEILINGS && ${#CONCURRENCIES[@]} > 0)); then
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
      key_cache_metrics "$s"
      # right after it, the bare Boot app with the same wrk settings: a noisy minute hits both
      if ((BARE)); then
        wrk_run "bare-$s" "$(field "$s" 3)" static.lua "$BARE_BASE/ceiling" "$DURATION" "$RUN_DIR/bare-$s.json" || true
        [[ -f $RUN_DIR/bare-$s.json ]] && log "  bare Boot ceiling: $(jq -r '"\(.rps | round) req/s, p50 \(.latency_us.p50 / 1000) ms, p99 \(.latency_us.p99 / 1000) ms"' "$RUN_DIR/bare-$s.json")"
      fi
    fi
    if ((CEILINGS)) && [[ $(field "$s" 6) != - ]]; then
      [[ $s == list_owner_deep && -z $DEEP_CURSOR_ID ]] && continue
      log "  database ceiling: pgbench $(field "$s" 6), $POOL_SIZE clients"
      pgbench_run "$s" "$DURATION" "$RUN_DIR/pgbench-$s.json"
      log "  $(jq -r '"\(.tps | round) tps, p50 \(.latency_ms.p50) ms, p99 \(.latency_ms.p99) ms"' "$RUN_DIR/pgbench-$s.json")"
    fi
  done

  ((OPEN_MODEL)) && open_model_run "$RUN_DIR"

  record_memory "$SERVICE_PID" "$RUN_DIR/service.json"
  ((BARE)) && record_memory "$BARE_PID" "$RUN_DIR/bare.json"
  record_health "$RUN_DIR/service.json" "$RUN_DIR/service.log"
  stop_service
  stop_bare
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
  --argjson vt "$( ((VIRTUAL_THREADS)) && echo true || echo false)" \
  --arg jvm_options "${JVM_OPTS[*]} ${SERVICE_JVM_OPTS[*]} ${SERVICE_AOT_OPTS[*]}" --arg bare_jvm_options "${JVM_OPTS[*]} ${BARE_AOT_OPTS[*]}" \
  --argjson bare "$( ((BARE)) && echo true || echo false)" --argjson open_model "$( ((OPEN_MODEL)) && echo true || echo false)" \
  --argjson open_users "$OPEN_USERS" --arg open_levels "$OPEN_LEVELS" --argjson size "$SIZE" --arg db "$DB" \
  --argjson deep_page "$DEEP_PAGE" --arg selected "${SCEN_NAMES[*]}" \
  --argjson pool "$POOL_SIZE" --argjson rate "$RATE_LIMIT" --argjson max_id "$MAX_ID" \
  --arg sync_from "$SYNC_FROM" --arg deep_cursor_id "$DEEP_CURSOR_ID" --arg data_load_s "$DATA_LOAD_S" \
  --arg cpu "$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)" --argjson cores "$(nproc)" \
  --arg pg "$(psql -X -At -d "$DB" -c 'show server_version')" \
  --arg shared_buffers "$(psql -X -At -d "$DB" -c 'show shared_buffers')" \
  --arg scenarios "$SCENARIOS_TABLE" --arg service_options "${SERVICE_OPTS[*]}" \
  '{timestamp: $stamp, jdk: $jdk, java: $java, jar: $jar, git_commit: $commit, git_dirty: ($dirty == "true"),
    service_options: ($service_options | split(" ") | map(select(. != ""))),
    runs: $runs, duration_s: $duration, warmup_s: $warmup, virtual_threads: $vt, jvm_options: $jvm_options,
    bare_ceiling: $bare, bare_jvm_options: $bare_jvm_options, bare_endpoint: "GET /ceiling (bench/ceiling-app)",
    open_model: $open_model, open_model_users: $open_users,
    open_model_levels_pct: ($open_levels | split(",") | map(tonumber)),
    dataset_size: $size, database: $db, deep_page: $deep_page,
    selected_scenarios: ($selected | split(" ") | map(select(. != ""))),
    pool_size: $pool, pgbench_clients: $pool, rate_limit_per_second: $rate, rate_limit_burst: $rate,
    dataset_max_id: $max_id, sync_from: $sync_from, deep_cursor_after_id: $deep_cursor_id,
    data_load_s: ($data_load_s | tonumber? // null), cpu: $cpu, cores: $cores, postgres: $pg,
    postgres_shared_buffers: $shared_buffers,
    scenarios: ($scenarios | split("\n") | map(split("|") | {name: .[0], letter: .[1],
      connections: (.[2] | tonumber), request: .[4], pgbench: .[5], items_per_request: (.[6] | tonumber),
      path: .[7], tags: ((.[8] // "") | split(",") | map(select(. != "")))}))}' \
  >"$RESULTS/meta.json"

REPORT_STATUS=0
python3 "$BENCH_DIR/report.py" report "$RESULTS" >"$RESULTS/table.txt" || REPORT_STATUS=$?
cat "$RESULTS/table.txt"
if [[ -s $RESULTS/chart.dat ]] && (($(grep -vc '^#' "$RESULTS/chart.dat") > 0)); then
  gnuplot -e "datafile='$RESULTS/chart.dat'; outfile='$RESULTS/chart.png'; subtitle='$(jq -r '"JDK \(.jdk), \(if .virtual_threads then "virtual" else "platform" end) threads, \(.runs) run(s) x \(.duration_s) s, commit \(.git_commit)"' "$RESULTS/meta.json")'" \
    "$BENCH_DIR/chart.gnuplot" && log "chart: $RESULTS/chart.png"
fi
log "results: $RESULTS"
# non-zero when a selected scenario or open-model level could not be measured at all
exit "$REPORT_STATUS"
