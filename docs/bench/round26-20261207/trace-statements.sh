#!/usr/bin/env bash
# The statements one create (with a primary lead), one PATCH (of its amount) and one DELETE send to
# PostgreSQL, from the server's own statement log: a throwaway database `trace` with
# log_statement = 'all', the jar given started on it (JDK 25, port 8099).
#   docs/bench/round26-20261207/trace-statements.sh JAR > statements.txt
# Needs: curl, jq; PostgreSQL on 127.0.0.1:5432 (trust auth) logging to the file below.
set -euo pipefail
JAR=$1
LOG=${PG_LOG:-/var/log/postgresql/postgresql-15-main.log}
psql -h 127.0.0.1 -U postgres -qtc "select 1 from pg_database where datname = 'trace'" | grep -q 1 ||
  psql -h 127.0.0.1 -U postgres -qc "create database trace" -c "alter database trace set log_statement = 'all'"
export SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/trace CRM_BOOTSTRAP_KEY=admin_trace.abcdefghijklmnopqrstuvwxyz0123456789 SERVER_PORT=8099
/usr/lib/jvm/temurin-25-jdk-amd64/bin/java -Xmx256m -jar $JAR > /tmp/trace-app.log 2>&1 &
PID=$!
for i in $(seq 1 60); do curl -sf localhost:8099/actuator/health >/dev/null && break; sleep 1; done
H=(-H "Authorization: Bearer admin_trace.abcdefghijklmnopqrstuvwxyz0123456789" -H "Content-Type: application/json")
STAGE=$(curl -s "${H[@]}" localhost:8099/dealStages | jq '.items[0].id')
curl -s "${H[@]}" -X POST localhost:8099/opportunities -d "{\"opportunityName\":\"w\",\"ownerID\":1,\"dealStageID\":$STAGE,\"closeDate\":\"2026-12-31\",\"primaryLeadID\":4}" >/dev/null
sleep 0.5
LC=$(wc -l < "$LOG")
ID=$(curl -s "${H[@]}" -X POST localhost:8099/opportunities -d "{\"opportunityName\":\"t\",\"ownerID\":1,\"dealStageID\":$STAGE,\"closeDate\":\"2026-12-31\",\"primaryLeadID\":5}" | jq .id)
sleep 0.5
LP=$(wc -l < "$LOG")
curl -s "${H[@]}" -X PATCH -H "Content-Type: application/merge-patch+json" localhost:8099/opportunities/$ID -d '{"amount": 5}' >/dev/null
curl -s "${H[@]}" -X PATCH -H "Content-Type: application/merge-patch+json" localhost:8099/opportunities/$ID -d '{"amount": 6}' >/dev/null
sleep 0.5
L0=$(wc -l < "$LOG")
curl -s "${H[@]}" -X PATCH -H "Content-Type: application/merge-patch+json" localhost:8099/opportunities/$ID -d '{"amount": 7}' -o /dev/null -w "PATCH %{http_code}\n"
sleep 0.5
L1=$(wc -l < "$LOG")
curl -s "${H[@]}" -X DELETE localhost:8099/opportunities/$ID -o /dev/null -w "DELETE %{http_code}\n"
sleep 0.5
L2=$(wc -l < "$LOG")
echo "== CREATE"; sed -n "$((LC+1)),${LP}p" "$LOG" | grep -E "LOG:  (statement|execute)" | cut -c1-160
echo "== PATCH"; sed -n "$((L0+1)),${L1}p" "$LOG" | grep -E "LOG:  (statement|execute)" | cut -c1-160
echo "== DELETE"; sed -n "$((L1+1)),${L2}p" "$LOG" | grep -E "LOG:  (statement|execute)" | cut -c1-160
kill $PID; wait $PID 2>/dev/null || true
