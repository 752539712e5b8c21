#!/usr/bin/env bash
# batch of 500 at 4 connections: Hibernate's JDBC batch of 100 (application.yml) against 128, the
# most rows the driver puts in one multi-row INSERT; alternated 100, 128, 128, 100 (, 100, 128)
set -euo pipefail
cd "$(dirname "$0")/../../../bench"
export PORT=18080 DB=crm_bench KEY=benchadmin.bench_secret_4f9c2e7a1b PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres
JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
JAR=${JAR:-$(cd .. && pwd)/target/opportunities-service-0.1.0-SNAPSHOT.jar}
for size in ${SIZES:-100 128 128 100 100 128}; do
  CRM_BOOTSTRAP_KEY="$KEY" CRM_RATE_LIMIT_PER_SECOND=0 SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" SPRING_DATASOURCE_USERNAME=postgres \
    $JAVA -Xmx256m -XX:+UseParallelGC -XX:TrimNativeHeapInterval=1000 -XX:+UseCompactObjectHeaders -jar $JAR --server.port=$PORT \
    --spring.jpa.properties.hibernate.jdbc.batch_size=$size > /tmp/svc-batch-$size.log 2>&1 &
  pid=$!
  for _ in $(seq 240); do curl -sf localhost:$PORT/actuator/health/readiness >/dev/null && break; sleep 0.5; done
  BENCH_TOKEN=$KEY wrk -t2 -c4 -d${WARMUP:-60}s -s wrk/batch_create.lua http://localhost:$PORT >/dev/null
  r=$(BENCH_TOKEN=$KEY wrk -t2 -c4 -d${DURATION:-10}s -s wrk/batch_create.lua http://localhost:$PORT | grep Requests/sec | awk '{print $2}')
  echo "$(date -u +%H:%M:%S) batch_size $size: $r batches/s = $(python3 -c "print(round($r*500))") opportunities/s"
  kill $pid; wait $pid 2>/dev/null || true
done
