#!/usr/bin/env bash
# A path no operation answers right after start: each jar started on crm_bench with the production
# JVM settings (bench/jar-service.sh), then six times 5 s of wrk -t2 -c32 on GET /nothing/here with
# the bootstrap key, from the first second; the jars in the order old, new, new, old.
#
#   docs/bench/round19-20261207/unknown-paths-cold.sh OLD.jar NEW.jar
set -euo pipefail
OLD=$1 NEW=$2
export PORT=18090 DB=crm_bench KEY=benchadmin.bench_secret_4f9c2e7a1b
BENCH=$(cd "$(dirname "$0")/../../../bench" && pwd)
source "$BENCH/jar-service.sh"
# the bench's own wrk script for one URL: it sends the key as BENCH_TOKEN says
export BENCH_TOKEN=$KEY
script=$BENCH/wrk/static.lua
side() { # name jar
  start "$2" "/tmp/unknown-paths-cold-$1.log"
  for _ in 1 2 3 4 5 6; do
    printf '%s ' "$(wrk -t2 -c32 -d5s -s "$script" "http://localhost:$PORT/nothing/here" | awk '/Requests\/sec/ {print $2}')"
  done
  echo " <- $1 /nothing/here, 6 x 5 s from start"
  stop
}
side old "$OLD"; side new "$NEW"; side new "$NEW"; side old "$OLD"
