#!/usr/bin/env bash
# Webhook deliveries: deliveries/s to one local receiver, and the delivery latency of 99 endpoints
# beside one that never answers. See bench/README.md "Webhook deliveries".
#
#   bench/webhooks.sh                     # both, 3 throughput runs of 20,000 events, 60 s of fan-out
#   bench/webhooks.sh --events 5000 --runs 1 --duration 20     # a quick check
#
# It starts bench/webhooks/receiver.js (node) and the service jar (built if missing) on JDK 25 with
# the production JVM settings (-Xmx256m -XX:+UseParallelGC), CRM_WEBHOOKS_ALLOW_PRIVATE_NETWORKS=true
# (the receiver is on loopback) and no rate limit, on a fresh database crm_bench_webhooks, then runs
# bench/webhooks/drive.py. Results: bench/results/webhooks-<timestamp>/ (results.jsonl, logs).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
JAVA_HOME_BENCH=${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAR=${BENCH_JAR:-$REPO_DIR/target/opportunities-service-0.1.0-SNAPSHOT.jar}
PORT=18090
RECEIVER_PORT=9099
DATABASE=crm_bench_webhooks
TOKEN=benchadmin.bench_secret_4f9c2e7a1b
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}

command -v node >/dev/null || { apt-get install -y -q nodejs >/dev/null; }
command -v psql >/dev/null || { apt-get install -y -q postgresql-client >/dev/null; }
[[ -f $JAR ]] || (cd "$REPO_DIR" && ./mvnw -q package -DskipTests -Dspotless.check.skip=true)

OUT="$BENCH_DIR/results/webhooks-$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
psql -q -d postgres -c "drop database if exists $DATABASE" -c "create database $DATABASE"

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

node "$BENCH_DIR/webhooks/receiver.js" "$RECEIVER_PORT" >"$OUT/receiver.log" 2>&1 &
pids+=($!)
SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DATABASE?reWriteBatchedInserts=true" \
  SPRING_DATASOURCE_USERNAME=$PGUSER CRM_BOOTSTRAP_KEY=$TOKEN CRM_RATE_LIMIT_PER_SECOND=0 \
  CRM_WEBHOOKS_ALLOW_PRIVATE_NETWORKS=true PORT=$PORT \
  "$JAVA_HOME_BENCH/bin/java" -Xmx256m -XX:+UseParallelGC -jar "$JAR" >"$OUT/service.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 240); do
  curl -fs "localhost:$PORT/actuator/health/readiness" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fs "localhost:$PORT/actuator/health/readiness" >/dev/null || { tail -20 "$OUT/service.log"; exit 1; }

"$JAVA_HOME_BENCH/bin/java" -version 2>&1 | head -1 >"$OUT/jdk.txt"
git -C "$REPO_DIR" rev-parse --short HEAD >"$OUT/commit.txt"
python3 "$BENCH_DIR/webhooks/drive.py" --base "http://localhost:$PORT" --token "$TOKEN" \
  --receiver "http://127.0.0.1:$RECEIVER_PORT" "$@" | tee "$OUT/results.jsonl"
echo "results: $OUT"
