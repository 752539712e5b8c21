#!/usr/bin/env bash
# The statements of a GET by id, an owner's list page, a batch of 5 creates, a batch of 2 patches
# and a create without a primary lead, from PostgreSQL's statement log (as trace-statements.sh:
# database `trace`, port 8099).
#   docs/bench/round26-20261207/trace-reads-and-batch.sh JAR > reads-and-batch.txt
set -euo pipefail
JAR=$1
psql -h 127.0.0.1 -U postgres -qtc "select 1 from pg_database where datname = 'trace'" | grep -q 1 ||
  psql -h 127.0.0.1 -U postgres -qc "create database trace" -c "alter database trace set log_statement = 'all'"
LOG=/var/log/postgresql/postgresql-15-main.log
export SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/trace CRM_BOOTSTRAP_KEY=admin_trace.abcdefghijklmnopqrstuvwxyz0123456789 SERVER_PORT=8099 CRM_RATE_LIMIT_PER_SECOND=1000000
/usr/lib/jvm/temurin-25-jdk-amd64/bin/java -Xmx256m -jar $JAR > /tmp/trace-app.log 2>&1 &
PID=$!
for i in $(seq 1 60); do curl -sf localhost:8099/actuator/health >/dev/null && break; sleep 1; done
H=(-H "Authorization: Bearer admin_trace.abcdefghijklmnopqrstuvwxyz0123456789" -H "Content-Type: application/json")
ID=$(curl -s "${H[@]}" -X POST localhost:8099/opportunities -d '{"opportunityName":"t","ownerID":1,"dealStageID":2,"closeDate":"2026-12-31","primaryLeadID":5}' | jq .id)
for i in 1 2 3; do curl -s "${H[@]}" localhost:8099/opportunities/$ID >/dev/null; curl -s "${H[@]}" "localhost:8099/opportunities?ownerID=1&isClosed=false&limit=100" > /dev/null; done
B='{"items":['; for i in $(seq 1 5); do B="$B{\"opportunityName\":\"b$i\",\"ownerID\":1,\"dealStageID\":2,\"closeDate\":\"2026-12-31\"},"; done; B="${B%,}]}"
curl -s "${H[@]}" -X POST localhost:8099/opportunities/batch -d "$B" >/dev/null
sleep 0.5
step() { local name=$1; shift; local l0=$(wc -l < "$LOG"); "$@" >/dev/null; sleep 0.5; local l1=$(wc -l < "$LOG"); echo "== $name"; sed -n "$((l0+1)),${l1}p" "$LOG" | grep -E "LOG:  (statement|execute)" | grep -v "pg_backend_pid\|webhook where" | cut -c1-170; }
step GET curl -s "${H[@]}" localhost:8099/opportunities/$ID
step LIST curl -s "${H[@]}" "localhost:8099/opportunities?ownerID=1&isClosed=false&limit=100"
step BATCH curl -s "${H[@]}" -X POST localhost:8099/opportunities/batch -d "$B"
P="{\"items\":[{\"id\":$ID,\"amount\":10},{\"id\":$ID,\"opportunityName\":\"renamed\"}]}"
step BATCH_PATCH curl -s "${H[@]}" -X PATCH localhost:8099/opportunities/batch -d "$P"
step CREATE curl -s "${H[@]}" -X POST localhost:8099/opportunities -d '{"opportunityName":"t","ownerID":1,"dealStageID":2,"closeDate":"2026-12-31"}'
kill $PID; wait $PID 2>/dev/null || true
