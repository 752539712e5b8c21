#!/usr/bin/env bash
# Benchmark of the pipeline insight reads (issue 17, "Numbers"): summary, waterfall, stageFlow,
# summary asOf, and the CSV export of every opportunity at -Xmx256m with its GC log. See
# bench/README.md "Pipeline insight: insight.sh".
#
#   bench/insight.sh                      # 1,000,000 opportunities (crm_bench), 1 connection, 10 s per case
#   bench/insight.sh --size 100000        # a smoke run on 100,000 (database crm_bench_100000)
#   bench/insight.sh --connections 1,4    # each case at 1 and at 4 connections
#
# Same conventions as run.sh: loopback only, every step bounded in time, creates the database
# crm_bench (crm_bench_<size>) if missing, loads bench/data/generate.sql when the database holds no
# data set of that size, then bench/data/history.sql (a year of events) when the history is not
# loaded for it. The service runs from the jar (built if missing) on JDK 25 with -Xmx256m
# -XX:+UseParallelGC, a GC log (-Xlog:gc*) and CRM_EVENTS_RETENTION_DAYS=400 (the history reaches a
# year back: with the default 30 days asOf/waterfall/stageFlow refuse the quarter). Then:
#   1. each case with wrk (--warmup s, then --duration s at each of --connections): p50/p90/p99;
#   2. the CSV export of every opportunity (curl, Accept: text/csv, to a line count): rows/s, and
#      the GC log summarised over the export (heap after each GC: flat or growing?);
#   3. the service restarted with auto_explain on its own connections (Hikari connection-init-sql;
#      nothing is changed in the database): one request per case, the plan of its heaviest statement
#      (EXPLAIN ANALYZE, BUFFERS) from the PostgreSQL server log into explain/<case>.txt;
#   4. results.md (a table BENCHMARKS.md can take), results.json, gc-summary.txt.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)

SIZE=1000000
PORT=18080
DURATION=10
WARMUP=5
CONNECTIONS=1
EXPORT_RUNS=1
EXPLAIN=1
RELOAD_HISTORY=0
RESULTS_OPT=""
OWNER=5000
JAVA_HOME_BENCH=${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAR=${BENCH_JAR:-$REPO_DIR/target/opportunities-service-0.1.0-SNAPSHOT.jar}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
export PGHOST PGPORT PGUSER
PG_LOG=${BENCH_PG_LOG:-}
KEY_ID=${BENCH_KEY_ID:-benchadmin}
SECRET=${BENCH_SECRET:-bench_secret_4f9c2e7a1b}
RETENTION_DAYS=400
STATEMENT_TIMEOUT=""
WRK_TIMEOUT=30s
REQUEST_TIMEOUT=600
SLOW_S=2
SLOW_SAMPLES=5

usage() {
  cat <<EOF
Usage: bench/insight.sh [options]
  --size N               opportunities in the data set (default $SIZE; other sizes: database crm_bench_N)
  --duration S           seconds of wrk per case and concurrency (default $DURATION)
  --warmup S             seconds of wrk warm-up per case (default $WARMUP)
  --connections C[,C]    wrk connections, one measurement each (default $CONNECTIONS)
  --owner ID             the owner of the "one typical owner" case (default $OWNER)
  --export-runs N        how many times the CSV export runs (default $EXPORT_RUNS)
  --statement-timeout D  CRM_STATEMENT_TIMEOUT of the service (default: the service's, 5s)
  --slow-samples N       a case whose first request takes over $SLOW_S s is timed by N sequential curl requests
                         instead of wrk (default $SLOW_SAMPLES; each at most $REQUEST_TIMEOUT s)
  --no-explain           no auto_explain pass (no plans)
  --reload-history       load bench/data/history.sql again even if loaded
  --port P               HTTP port of the service (default $PORT)
  --results DIR          write the results there instead of bench/results/insight-<timestamp>
Environment: BENCH_JAVA_HOME, BENCH_JAR, BENCH_JAVA_OPTS, BENCH_KEY_ID / BENCH_SECRET,
  PGHOST/PGPORT/PGUSER, BENCH_PG_LOG (the PostgreSQL server log, for the plans; default: found
  from the cluster's port under /var/log/postgresql).
EOF
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --size) SIZE=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --owner) OWNER=$2; shift 2 ;;
    --export-runs) EXPORT_RUNS=$2; shift 2 ;;
    --statement-timeout) STATEMENT_TIMEOUT=$2; shift 2 ;;
    --slow-samples) SLOW_SAMPLES=$2; shift 2 ;;
    --no-explain) EXPLAIN=0; shift ;;
    --reload-history) RELOAD_HISTORY=1; shift ;;
    --port) PORT=$2; shift 2 ;;
    --results) RESULTS_OPT=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done
for v in SIZE DURATION WARMUP PORT OWNER EXPORT_RUNS SLOW_SAMPLES; do
  [[ ${!v} =~ ^[0-9]+$ ]] || { echo "--${v,,} must be a number" >&2; exit 2; }
done
[[ $CONNECTIONS =~ ^[0-9]+(,[0-9]+)*$ ]] || { echo "--connections: numbers, comma-separated" >&2; exit 2; }
[[ -z $STATEMENT_TIMEOUT || $STATEMENT_TIMEOUT =~ ^[0-9]+(ms|s|m)$ ]] || { echo "--statement-timeout: e.g. 30s" >&2; exit 2; }
((SIZE >= 10000 && SIZE <= 100000000)) || { echo "--size must be between 10,000 and 100,000,000" >&2; exit 2; }
((DURATION >= 1)) || { echo "--duration must be at least 1" >&2; exit 2; }
TOKEN="$KEY_ID.$SECRET"
if ((SIZE == 1000000)); then DB=crm_bench; else DB=crm_bench_$SIZE; fi

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
psql_bench() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$DB" "$@"; }

for tool in wrk jq curl python3 psql; do
  command -v "$tool" >/dev/null || die "$tool is missing (bench/run.sh installs it: wrk jq curl python3 postgresql-client)"
done
JAVA="$JAVA_HOME_BENCH/bin/java"
[[ -x $JAVA ]] || die "no JDK at $JAVA_HOME_BENCH (set BENCH_JAVA_HOME)"
pg_isready -q || die "PostgreSQL is not reachable at $PGHOST:$PGPORT"

STAMP=$(date -u +%Y%m%d-%H%M%S)
RESULTS=${RESULTS_OPT:-"$BENCH_DIR/results/insight-$STAMP$( ((SIZE == 1000000)) || echo "-size$SIZE")"}
mkdir -p "$RESULTS/explain"
RESULTS=$(cd "$RESULTS" && pwd)

if [[ ! -f $JAR ]]; then
  log "building the jar (./mvnw -q -DskipTests package in $REPO_DIR)"
  (cd "$REPO_DIR" && timeout 1200 ./mvnw -q -DskipTests package) || die "the build failed"
fi
if [[ -z $(psql -X -q -At -d postgres -c "select 1 from pg_database where datname = '$DB'") ]]; then
  log "creating database $DB"
  createdb "$DB"
fi

# ---------------------------------------------------------------------------------------------
# The service (as run.sh starts it, without the AOT cache: start-up time is not measured here)
SERVICE_PID=""
stop_service() {
  local pid=$SERVICE_PID
  SERVICE_PID=""
  [[ -n $pid ]] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}
trap 'stop_service' EXIT
trap 'log "interrupted"; exit 130' INT TERM

JVM_OPTS=(-Xmx256m -XX:+UseParallelGC)
# shellcheck disable=SC2206
[[ -n ${BENCH_JAVA_OPTS:-} ]] && JVM_OPTS+=($BENCH_JAVA_OPTS)
BASE="http://127.0.0.1:$PORT"
SERVICE_T0=""

# start_service <name> [--spring.option=value ...]: log <name>.log, GC log <name>-gc.log
start_service() {
  local name=$1
  shift
  curl -s -o /dev/null --max-time 1 "$BASE/" && die "something already listens on port $PORT (use --port)"
  local env=(SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB?reWriteBatchedInserts=true"
    SPRING_DATASOURCE_USERNAME="$PGUSER" PORT="$PORT" CRM_BOOTSTRAP_KEY="$TOKEN"
    CRM_RATE_LIMIT_PER_SECOND=1000000 CRM_RATE_LIMIT_BURST=1000000 CRM_EVENTS_RETENTION_DAYS="$RETENTION_DAYS")
  [[ -n $STATEMENT_TIMEOUT ]] && env+=(CRM_STATEMENT_TIMEOUT="$STATEMENT_TIMEOUT")
  SERVICE_T0=$(now)
  env "${env[@]}" "$JAVA" "${JVM_OPTS[@]}" "-Xlog:gc*:file=$RESULTS/$name-gc.log" -jar "$JAR" "$@" \
    >"$RESULTS/$name.log" 2>&1 </dev/null &
  SERVICE_PID=$!
  local deadline=$((SECONDS + 180))
  until curl -sf -o /dev/null --max-time 2 "$BASE/actuator/health/readiness"; do
    kill -0 "$SERVICE_PID" 2>/dev/null || { tail -30 "$RESULTS/$name.log" >&2; die "the service exited during startup"; }
    ((SECONDS < deadline)) || { tail -30 "$RESULTS/$name.log" >&2; die "the service was not ready after 180 s"; }
    sleep 0.1
  done
  log "service ready in $(elapsed "$SERVICE_T0" "$(now)") s (pid $SERVICE_PID, log $RESULTS/$name.log)"
}

# ---------------------------------------------------------------------------------------------
# Data: the data set (generate.sql, as run.sh loads it) and its history (history.sql)
dataset_value() { psql_bench -c "select value from bench.dataset where key = '$1'" 2>/dev/null || true; }

start_service service
loaded=$(dataset_value max_opportunity_id)
if [[ $loaded != "$SIZE" ]]; then
  limit=$((300 + SIZE / 1000000 * 300))
  log "loading the data set of $SIZE opportunities: bench/data/generate.sql (at most $limit s)"
  t0=$(now)
  timeout "$limit" psql -X -q -v ON_ERROR_STOP=1 -v size="$SIZE" -d "$DB" -f "$BENCH_DIR/data/generate.sql" \
    >"$RESULTS/data-load.log" 2>&1 || { tail -20 "$RESULTS/data-load.log" >&2; die "generate.sql failed (log: $RESULTS/data-load.log)"; }
  log "data set loaded in $(elapsed "$t0" "$(now)") s"
fi
limit=$((300 + SIZE / 1000000 * 600))
log "history: bench/data/history.sql (skips when loaded; at most $limit s)"
t0=$(now)
timeout "$limit" psql -X -q -v ON_ERROR_STOP=1 -v force="$RELOAD_HISTORY" -d "$DB" -f "$BENCH_DIR/data/history.sql" \
  >"$RESULTS/history-load.log" 2>&1 || { tail -20 "$RESULTS/history-load.log" >&2; die "history.sql failed (log: $RESULTS/history-load.log)"; }
HISTORY_S=$(elapsed "$t0" "$(now)")
HISTORY_EVENTS=$(dataset_value history_events)
log "history: $HISTORY_EVENTS events from $(dataset_value history_from) ($HISTORY_S s; $(grep -c 'already loaded' "$RESULTS/history-load.log" >/dev/null && echo 'already loaded' || echo 'loaded now'))"
# the service projects the history into opportunity states (V74, OpportunityStates): in the
# background a bounded amount at a time, and what is left when a request reads a past pipeline,
# for at most CRM_HISTORY_CATCH_UP (3 s) a request, then 503 with Retry-After. Such requests, sent
# again at once until one answers, bring the projection up to date before the measurements start.
t0=$(now)
as_of=$(date -u -d '-1 minute' +%Y-%m-%dT%H:%M:%SZ)
while status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 600 -H "Authorization: Bearer $TOKEN" \
    "$BASE/opportunities/summary?groupBy=dealStageID&asOf=$as_of") && [[ $status == 503 ]]; do
  kill -0 "$SERVICE_PID" 2>/dev/null || die "the service exited while projecting the history"
done
[[ $status == 200 ]] || log "the requests that project the history ended with HTTP $status; waiting for the background projection"
until [[ $(psql_bench -c "select (select value from crm.opportunity_state_position) >=
    coalesce((select max(id) from crm.event where aggregate_type = 'opportunity'), 0)") == t ]]; do
  kill -0 "$SERVICE_PID" 2>/dev/null || die "the service exited while projecting the history"
  sleep 1
done
PROJECTION_S=$(elapsed "$t0" "$(now)")
log "history projected into opportunity states (waited $PROJECTION_S s)"
# what autovacuum does after the projection has caught up: the index-only scans of the past
# pipelines need the table's pages marked all-visible
psql_bench -c "vacuum analyze crm.opportunity_state"
# opportunities created by run.sh's write scenarios are not the data set's
MAX_ID=$(dataset_value max_opportunity_id)
deleted=$(psql_bench -c "with d as (delete from crm.opportunity where id > $MAX_ID returning 1) select count(*) from d")
[[ $deleted == 0 ]] || log "removed $deleted opportunities created by earlier runs"

# ---------------------------------------------------------------------------------------------
# The cases: the last full calendar quarter before today (inside the year of history)
read -r Q_FROM Q_TO < <(psql_bench -c "select to_char(q - interval '3 months', 'YYYY-MM-DD'),
    to_char(q - interval '1 day', 'YYYY-MM-DD') from (select date_trunc('quarter', now() at time zone 'UTC') as q) x" | tr '|' ' ')
YEAR=$(date -u +%Y)
# name | target p50 ms | path
CASES=$(cat <<EOF
summary_stage|250|/opportunities/summary?groupBy=dealStageID
summary_owner|10|/opportunities/summary?ownerID=$OWNER&groupBy=dealStageID
summary_close_month|300|/opportunities/summary?closeDateFrom=$YEAR-01-01&closeDateTo=$YEAR-12-31&groupBy=closeMonth
waterfall_quarter|500|/opportunities/waterfall?from=${Q_FROM}T00:00:00Z&to=${Q_TO}T23:59:59Z
stage_flow_quarter|500|/opportunities/stageFlow?from=${Q_FROM}T00:00:00Z&to=${Q_TO}T23:59:59Z
summary_as_of_quarter|500|/opportunities/summary?groupBy=dealStageID&asOf=${Q_FROM}T00:00:00Z
EOF
)
log "quarter: $Q_FROM .. $Q_TO"

# wrk_run <label> <connections> <url> <seconds> <out json>
wrk_run() {
  local label=$1 conns=$2 url=$3 seconds=$4 out=$5 threads=1
  ((conns >= 2)) && threads=2
  BENCH_TOKEN="$TOKEN" BENCH_SCRIPT_NAME="$label" WRK_JSON="$out" \
    timeout $((seconds + 60)) wrk -t "$threads" -c "$conns" -d "${seconds}s" --timeout "$WRK_TIMEOUT" \
    -s "$BENCH_DIR/wrk/static.lua" "$url" >"${out%.json}.txt" 2>&1 ||
    { log "wrk failed for $label: $(tail -3 "${out%.json}.txt")"; return 1; }
}

# slow_run <name> <url> <out json>: sequential curl timings, summarised like wrk's JSON
slow_run() {
  local name=$1 url=$2 out=$3 i
  : >"$out.times"
  for i in $(seq 1 "$SLOW_SAMPLES"); do
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' --max-time "$REQUEST_TIMEOUT" \
      -H "Authorization: Bearer $TOKEN" -H 'Accept: application/json' "$url" >>"$out.times" || echo "000 $REQUEST_TIMEOUT" >>"$out.times"
  done
  python3 "$BENCH_DIR/insight_report.py" timings "$out.times" >"$out"
}

: >"$RESULTS/cases.tsv"
while IFS='|' read -r name target path; do
  read -r status first_s < <(curl -s -o "$RESULTS/answer-$name.json" -w '%{http_code} %{time_total}\n' \
    --max-time "$REQUEST_TIMEOUT" -H "Authorization: Bearer $TOKEN" -H 'Accept: application/json' "$BASE$path" ||
    echo "000 0")
  if [[ $status != 200 ]]; then
    log "case $name: HTTP $status ($(head -c 300 "$RESULTS/answer-$name.json" 2>/dev/null)); not measured"
    printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$target" "$path" "-" "HTTP $status" >>"$RESULTS/cases.tsv"
    continue
  fi
  if awk -v t="$first_s" -v s="$SLOW_S" 'BEGIN { exit !(t > s) }'; then
    # too slow for wrk's fixed duration: --slow-samples sequential requests, timed by curl
    log "case $name: the first request took $first_s s: $SLOW_SAMPLES sequential requests (curl): GET $path"
    slow_run "$name" "$BASE$path" "$RESULTS/curl-$name-c1.json"
    log "  $(jq -r '"\(.requests) requests, p50 \(.latency_us.p50 / 1000) ms, p90 \(.latency_us.p90 / 1000) ms, max \(.latency_us.max / 1000) ms, non-2xx \(.non2xx)"' "$RESULTS/curl-$name-c1.json")"
    printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$target" "$path" "1 (curl)" "$RESULTS/curl-$name-c1.json" >>"$RESULTS/cases.tsv"
    continue
  fi
  ((WARMUP > 0)) && { wrk_run "warmup-$name" 1 "$BASE$path" "$WARMUP" "$RESULTS/warmup.json" || true; }
  for c in ${CONNECTIONS//,/ }; do
    log "case $name at $c connection(s), $DURATION s: GET $path"
    if wrk_run "$name-c$c" "$c" "$BASE$path" "$DURATION" "$RESULTS/wrk-$name-c$c.json"; then
      log "  $(jq -r '"\(.requests) requests, \(.rps | . * 10 | round / 10) req/s, p50 \(.latency_us.p50 / 1000) ms, p90 \(.latency_us.p90 / 1000) ms, p99 \(.latency_us.p99 / 1000) ms, non-2xx \(.non2xx)"' "$RESULTS/wrk-$name-c$c.json")"
      printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$target" "$path" "$c" "$RESULTS/wrk-$name-c$c.json" >>"$RESULTS/cases.tsv"
    fi
  done
done <<<"$CASES"
rm -f "$RESULTS/warmup.json" "$RESULTS/warmup.txt"

# ---------------------------------------------------------------------------------------------
# CSV export of every opportunity: rows/s, and the heap over the export (GC log)
: >"$RESULTS/export.tsv"
for run in $(seq 1 "$EXPORT_RUNS"); do
  log "CSV export of every opportunity (run $run of $EXPORT_RUNS)"
  t0=$(now)
  lines=$(timeout $((120 + SIZE / 5000)) curl -sS --max-time $((100 + SIZE / 5000)) -D "$RESULTS/export-headers.txt" \
    -H "Authorization: Bearer $TOKEN" -H 'Accept: text/csv' "$BASE/opportunities" | wc -l) || true
  t1=$(now)
  status=$(awk 'NR == 1 {print $2}' "$RESULTS/export-headers.txt" 2>/dev/null)
  secs=$(elapsed "$t0" "$t1")
  rows=$((lines > 0 ? lines - 1 : 0))
  rps=$(awk -v r="$rows" -v s="$secs" 'BEGIN { printf "%.0f", (s > 0 ? r / s : 0) }')
  log "  HTTP $status, $rows rows in $secs s: $rps rows/s"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$run" "$status" "$rows" "$secs" "$rps" \
    "$(elapsed "$SERVICE_T0" "$t0")" "$(elapsed "$SERVICE_T0" "$t1")" >>"$RESULTS/export.tsv"
done
grep -c 'OutOfMemoryError' "$RESULTS/service.log" >"$RESULTS/oom-count.txt" || true
RSS=$(awk '/^VmHWM:/ {printf "%.0f", $2 / 1024}' "/proc/$SERVICE_PID/status" 2>/dev/null || echo "")
stop_service

# ---------------------------------------------------------------------------------------------
# Plans: auto_explain on the service's own connections, one request per case
find_pg_log() {
  [[ -n $PG_LOG ]] && { echo "$PG_LOG"; return; }
  local f
  for f in /var/log/postgresql/postgresql-*-main.log; do [[ -r $f ]] && { echo "$f"; return; }; done
}
if ((EXPLAIN)); then
  PG_LOG=$(find_pg_log)
  if [[ -z $PG_LOG || ! -r $PG_LOG ]]; then
    log "no readable PostgreSQL server log (set BENCH_PG_LOG): no plans"
  else
    start_service explain-service \
      "--spring.datasource.hikari.connection-init-sql=LOAD 'auto_explain'; SET auto_explain.log_min_duration = 0; SET auto_explain.log_analyze = on; SET auto_explain.log_buffers = on; SET auto_explain.log_timing = on; SET auto_explain.log_verbose = off"
    while IFS='|' read -r name _ path; do
      offset=$(stat -c %s "$PG_LOG")
      status=$(curl -s -o /dev/null -w '%{http_code}' --max-time "$REQUEST_TIMEOUT" -H "Authorization: Bearer $TOKEN" \
        -H 'Accept: application/json' "$BASE$path" || true)
      sleep 1
      # the plan of the request's heaviest statement in this database (a cancelled statement has none)
      { echo "-- GET $path: HTTP $status (auto_explain: EXPLAIN ANALYZE, BUFFERS of the request's heaviest statement;"
        echo "-- \$n parameters are the request's values)"
        [[ $status == 200 ]] || echo "-- the request failed: the statement was cancelled, so this is not its plan"
        tail -c +$((offset + 1)) "$PG_LOG" | python3 "$BENCH_DIR/insight_report.py" plan "$DB"; } >"$RESULTS/explain/$name.txt" ||
        log "no plan found for $name"
      [[ -s $RESULTS/explain/$name.txt ]] && log "plan of $name: $(sed -n 's/.*duration: \([0-9.]* ms\).*/\1/p' "$RESULTS/explain/$name.txt" | head -1)"
    done <<<"$CASES"
    stop_service
  fi
fi

# ---------------------------------------------------------------------------------------------
# Report
jq -n --argjson size "$SIZE" --arg db "$DB" --arg q_from "$Q_FROM" --arg q_to "$Q_TO" \
  --arg history_events "${HISTORY_EVENTS:-}" --arg history_s "$HISTORY_S" --arg projection_s "$PROJECTION_S" --arg rss "${RSS:-}" \
  --arg jvm "${JVM_OPTS[*]} -Xlog:gc*" --argjson duration "$DURATION" --argjson warmup "$WARMUP" \
  --arg connections "$CONNECTIONS" --arg stamp "$STAMP" \
  --arg commit "$(GIT_OPTIONAL_LOCKS=0 git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo unknown)" \
  --arg jdk "$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.runtime.version/ {print $2}')" \
  --arg pg "$(psql_bench -c 'show server_version')" --argjson cores "$(nproc)" \
  '{timestamp: $stamp, git_commit: $commit, jdk: $jdk, postgres: $pg, cores: $cores, dataset_size: $size,
    database: $db, quarter: {from: $q_from, to: $q_to}, history_events: ($history_events | tonumber? // null),
    history_step_s: ($history_s | tonumber), projection_wait_s: ($projection_s | tonumber),
    jvm_options: $jvm, duration_s: $duration, warmup_s: $warmup,
    connections: $connections, peak_rss_mib: ($rss | tonumber? // null)}' >"$RESULTS/meta.json"
python3 "$BENCH_DIR/insight_report.py" report "$RESULTS" >"$RESULTS/results.md"
cat "$RESULTS/results.md"
log "results: $RESULTS"
