#!/usr/bin/env bash
# batch of 500 at 4 connections: the JDBC URL without and with reWriteBatchedInserts=true
set -euo pipefail
cd "$(dirname "$0")/../../../bench"
export PORT=18080 DB=crm_bench KEY=benchadmin.bench_secret_4f9c2e7a1b PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres
JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
JAR=${JAR:-$(cd .. && pwd)/target/opportunities-service-0.1.0-SNAPSHOT.jar}
for round in 1 2; do
  for side in plain rewrite; do
    url="jdbc:postgresql://$PGHOST:$PGPORT/$DB"; [[ $side == rewrite ]] && url="$url?reWriteBatchedInserts=true"
    CRM_BOOTSTRAP_KEY="$KEY" CRM_RATE_LIMIT_PER_SECOND=0 SPRING_DATASOURCE_URL="$url" SPRING_DATASOURCE_USERNAME=postgres \
      $JAVA -Xmx256m -XX:+UseParallelGC -XX:TrimNativeHeapInterval=1000 -XX:+UseCompactObjectHeaders -jar $JAR --server.port=$PORT > ${JARS:-/tmp}/svc-$side-$round.log 2>&1 &
    pid=$!
    for _ in $(seq 240); do curl -sf localhost:$PORT/actuator/health/readiness >/dev/null && break; sleep 0.5; done
    BENCH_TOKEN=$KEY wrk -t2 -c4 -d${WARMUP:-60}s -s wrk/batch_create.lua http://localhost:$PORT >/dev/null
    r=$(BENCH_TOKEN=$KEY wrk -t2 -c4 -d${DURATION:-10}s -s wrk/batch_create.lua http://localhost:$PORT | grep Requests/sec | awk '{print $2}')
    echo "round $round $side: $r batches/s = $(python3 -c "print(round($r*500))") opportunities/s"
    kill $pid; wait $pid 2>/dev/null || true
  done
done
