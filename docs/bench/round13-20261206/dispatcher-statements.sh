#!/usr/bin/env bash
# What a stream of creates makes the webhook dispatcher send to PostgreSQL on a service without
# webhooks: transactions per create and scans of the webhook table per second, for two jars
# alternated (ROUNDS rounds), on crm_bench (made by bench/run.sh), JDK 25, -Xmx256m.
#
#   docs/bench/round13-20261206/dispatcher-statements.sh BEFORE.jar AFTER.jar
#
# Per side and round: start the jar, 30 s of creates (warm-up), then 20 s of creates measured by
# wrk (16 connections, bench/wrk/create.lua) between two readings of pg_stat_database (crm_bench's
# commits) and pg_stat_user_tables (crm.webhook's scans, sequential and by index).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../../.." && pwd)
JAVA=${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
ROUNDS=${ROUNDS:-3}
PORT=18090
KEY_ID=benchadmin SECRET=bench_secret_4f9c2e7a1b
TOKEN="$KEY_ID.$SECRET"
export PGHOST=127.0.0.1 PGUSER=postgres
stats() {
  psql -X -At -d crm_bench -c "select (select xact_commit from pg_stat_database where datname = 'crm_bench'),
    (select seq_scan + coalesce(idx_scan, 0) from pg_stat_user_tables where schemaname = 'crm' and relname = 'webhook')"
}
measure() { # <label> <jar>
  local label=$1 jar=$2 pid before after out
  SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:5432/crm_bench?reWriteBatchedInserts=true" \
    SPRING_DATASOURCE_USERNAME=postgres PORT=$PORT CRM_BOOTSTRAP_KEY="$TOKEN" \
    CRM_RATE_LIMIT_PER_SECOND=1000000 CRM_RATE_LIMIT_BURST=1000000 \
    "$JAVA" -Xmx256m -XX:+UseParallelGC -jar "$jar" >"/tmp/dispatcher-statements-$label.log" 2>&1 </dev/null &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$PORT/actuator/health/readiness"; do sleep 0.5; done
  [[ $(psql -X -At -d crm_bench -c "select count(*) from crm.webhook where is_active") == 0 ]] ||
    { kill $pid; echo "crm_bench has active webhooks: this measures a service without any" >&2; exit 1; }
  BENCH_TOKEN=$TOKEN wrk -t2 -c16 -d30s -s "$REPO/bench/wrk/create.lua" "http://127.0.0.1:$PORT" >/dev/null
  before=$(stats)
  out=$(BENCH_TOKEN=$TOKEN wrk -t2 -c16 -d20s -s "$REPO/bench/wrk/create.lua" "http://127.0.0.1:$PORT")
  after=$(stats)
  kill $pid; wait $pid 2>/dev/null || true
  local requests
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  awk -F'|' -v l="$label" -v r="$requests" -v b="$before" -v a="$after" 'BEGIN {
    split(b, x, "|"); split(a, y, "|");
    printf "%-8s creates %6d  req/s %6.0f  commits per create %.3f  webhook-table scans/s %6.1f\n",
      l, r, r / 20, (y[1] - x[1]) / r, (y[2] - x[2]) / 20 }'
}
for round in $(seq "$ROUNDS"); do
  measure before "$1"
  measure after "$2"
done
