#!/usr/bin/env bash
# batch of 500 at 4 connections, the service given a JDBC URL without options
# (SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/crm_bench): before (old.jar) and after
# (new.jar: the driver option set on the pool), alternated old, new, new, old
set -euo pipefail
cd "$(dirname "$0")/../../../bench"
export PORT=18080 DB=crm_bench KEY=benchadmin.bench_secret_4f9c2e7a1b PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres
JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
for side in old new new old; do
  CRM_BOOTSTRAP_KEY="$KEY" CRM_RATE_LIMIT_PER_SECOND=0 SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" SPRING_DATASOURCE_USERNAME=postgres \
    $JAVA -Xmx256m -XX:+UseParallelGC -XX:TrimNativeHeapInterval=1000 -XX:+UseCompactObjectHeaders -jar ${JARS:-/tmp}/$side.jar --server.port=$PORT > ${JARS:-/tmp}/svc-$side.log 2>&1 &
  pid=$!
  for _ in $(seq 240); do curl -sf localhost:$PORT/actuator/health/readiness >/dev/null && break; sleep 0.5; done
  BENCH_TOKEN=$KEY wrk -t2 -c4 -d${WARMUP:-60}s -s wrk/batch_create.lua http://localhost:$PORT >/dev/null
  r=$(BENCH_TOKEN=$KEY wrk -t2 -c4 -d${DURATION:-10}s -s wrk/batch_create.lua http://localhost:$PORT | grep Requests/sec | awk '{print $2}')
  echo "$(date -u +%H:%M:%S) $side: $r batches/s = $(python3 -c "print(round($r*500))") opportunities/s"
  kill $pid; wait $pid 2>/dev/null || true
done
