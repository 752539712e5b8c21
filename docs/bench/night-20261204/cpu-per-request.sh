#!/usr/bin/env bash
# cpu-per-request.sh SCRIPT CONNS ROUNDS: CPU time per request of the service (its process) and of
# PostgreSQL (all its processes), from /proc, for the jar WITH events and the jar WITHOUT them
# (bench/events-cost.sh builds that one under bench/results/events-cost-*/no-events-tree/),
# alternated; 15 s of wrk warm-up, then 10 s measured. Ran from a clone of the repository in /tmp/bt:
#   WITH=target/opportunities-service-0.1.0-SNAPSHOT.jar WITHOUT=bench/results/.../no-events-tree/target/opportunities-service-0.1.0-SNAPSHOT.jar \
#     cpu-per-request.sh create 16 3
set -u
SCRIPT=$1; CONNS=$2; ROUNDS=${3:-3}
WITH=${WITH:?the jar with events}
WITHOUT=${WITHOUT:?the jar without events}
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
export BENCH_TOKEN=benchadmin.bench_secret_4f9c2e7a1b BENCH_KEY_ID=benchadmin BENCH_SECRET=bench_secret_4f9c2e7a1b BENCH_MAX_ID=1000000 BENCH_BATCH_SIZE=500 BENCH_SCRIPT_NAME=x WRK_JSON=/tmp/w.json
tick=$(getconf CLK_TCK)
sum_pg() { for p in $(pgrep -x postgres); do awk '{print $14+$15}' /proc/$p/stat 2>/dev/null; done | awk '{s+=$1} END {print s}'; }
for r in $(seq 1 $ROUNDS); do for side in with without; do
  jar=$WITH; [[ $side == without ]] && jar=$WITHOUT
  SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/crm_bench?reWriteBatchedInserts=true" SPRING_DATASOURCE_USERNAME=postgres PORT=18081 CRM_BOOTSTRAP_KEY=$BENCH_TOKEN CRM_RATE_LIMIT_PER_SECOND=1000000 CRM_RATE_LIMIT_BURST=1000000 $J -Xmx256m -XX:+UseParallelGC -jar $jar > /tmp/svc-$side.log 2>&1 &
  pid=$!
  until curl -sf localhost:18081/actuator/health/readiness >/dev/null; do sleep 0.5; done
  wrk -t2 -c$CONNS -d15s -s ${BENCH_WRK:-bench/wrk}/$SCRIPT.lua http://127.0.0.1:18081 >/dev/null
  j0=$(awk '{print $14+$15}' /proc/$pid/stat); p0=$(sum_pg)
  out=$(wrk -t2 -c$CONNS -d10s -s ${BENCH_WRK:-bench/wrk}/$SCRIPT.lua http://127.0.0.1:18081)
  j1=$(awk '{print $14+$15}' /proc/$pid/stat); p1=$(sum_pg)
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  n=$(echo "$rps * 10" | bc)
  echo "$SCRIPT round $r $side: $rps req/s; java $(echo "scale=3; ($j1-$j0)*1000/$tick/$n" | bc) ms/req, postgres $(echo "scale=3; ($p1-$p0)*1000/$tick/$n" | bc) ms/req"
  kill $pid; wait $pid 2>/dev/null
done; done
