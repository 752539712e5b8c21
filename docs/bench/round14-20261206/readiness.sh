#!/usr/bin/env bash
# Time to readiness of two builds of the service, alternated, each from its own AOT cache:
# process start to /actuator/health/readiness UP (polled every 20 ms), and VmHWM at that moment.
#
#   docs/bench/round14-20261206/readiness.sh BEFORE.jar AFTER.jar [ROUNDS]   (default 10)
#   AFTER_OPTS="-Dspring.aot.enabled=true" ...   (options of the after side only, its training run included)
#
# Each jar is extracted (java -Djarmode=tools) into a directory of its own with an AOT cache
# recorded by a training run (-Dspring.context.exit=onRefresh), as README "In production" says;
# JDK 25, -XX:+UseParallelGC -Xmx256m -XX:TrimNativeHeapInterval=1000 (JVM_OPTS overrides), on a database of their own
# (readiness_bench, made anew, migrated by the first training run). One line per start:
# side, seconds to ready, Spring's "Started ... in" seconds, VmHWM kB at readiness.
set -euo pipefail
JAVA=${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
read -r -a OPTS <<<"${JVM_OPTS:--XX:+UseParallelGC -Xmx256m -XX:TrimNativeHeapInterval=1000}"
read -r -a AFTER <<<"${AFTER_OPTS:-}"
side_opts() { if [[ $1 == after ]]; then echo "${OPTS[*]} ${AFTER[*]}"; else echo "${OPTS[*]}"; fi; }
ROUNDS=${3:-10}
PORT=18091
WORK=$(mktemp -d)
export PGHOST=127.0.0.1 PGUSER=postgres
psql -X -q -d postgres -c "drop database if exists readiness_bench" -c "create database readiness_bench"
export SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/readiness_bench" SPRING_DATASOURCE_USERNAME=postgres PORT=$PORT
for side in before after; do
  jar=$([[ $side == before ]] && echo "$1" || echo "$2")
  "$JAVA" -Djarmode=tools -jar "$jar" extract --destination "$WORK/$side" >/dev/null
  "$JAVA" $(side_opts "$side") -XX:AOTCacheOutput="$WORK/$side/app.aot" -Dspring.context.exit=onRefresh \
    -jar "$WORK/$side/$(basename "$jar")" >"$WORK/$side-training.log" 2>&1
done
start() { # <side>
  local side=$1 t0 pid ready hwm
  t0=$(date +%s.%N)
  "$JAVA" $(side_opts "$side") -XX:AOTCache="$WORK/$side/app.aot" -jar "$WORK/$side"/*.jar >"$WORK/$side.log" 2>&1 </dev/null &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$PORT/actuator/health/readiness"; do sleep 0.02; done
  ready=$(echo "$(date +%s.%N) - $t0" | bc)
  hwm=$(awk '/^VmHWM:/ {print $2}' /proc/$pid/status)
  kill $pid; wait $pid 2>/dev/null || true
  echo "$side $ready in $(grep -o 'Started [A-Za-z]* in [0-9.]*' "$WORK/$side.log" | awk '{print $4}') $hwm"
}
for round in $(seq "$ROUNDS"); do
  start before
  start after
done
rm -rf "$WORK"
