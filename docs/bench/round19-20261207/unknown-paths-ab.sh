#!/usr/bin/env bash
# A path no operation answers, against a GET by id and the liveness probe, before and after
# spring.web.resources.add-mappings=false: the jars alternated (old, new, new, old, ...), each
# started on crm_bench with the production JVM settings (bench/jar-service.sh), every URL warmed up
# for 20 s, then measured for 10 s with wrk -t2 -c32.
#
#   docs/bench/round19-20261207/unknown-paths-ab.sh OLD.jar NEW.jar [rounds]
set -euo pipefail
OLD=$1 NEW=$2 ROUNDS=${3:-2}
export PORT=18090 DB=crm_bench KEY=benchadmin.bench_secret_4f9c2e7a1b
BENCH=$(cd "$(dirname "$0")/../../../bench" && pwd)
source "$BENCH/jar-service.sh"
# the bench's own wrk script for one URL: it sends the key as BENCH_TOKEN says
export BENCH_TOKEN=$KEY
script=$BENCH/wrk/static.lua
urls=(/nothing/here /opportunities/1 /actuator/health/liveness)
side() { # name jar
  start "$2" "/tmp/unknown-paths-$1.log"
  for url in "${urls[@]}"; do wrk -t2 -c32 -d20s -s "$script" "http://localhost:$PORT$url" >/dev/null; done
  for url in "${urls[@]}"; do
    rate=$(wrk -t2 -c32 -d10s -s "$script" "http://localhost:$PORT$url" | awk '/Requests\/sec/ {print $2}')
    echo "$1 $url $rate req/s"
  done
  stop
}
for round in $(seq "$ROUNDS"); do
  if ((round % 2)); then side old "$OLD"; side new "$NEW"; else side new "$NEW"; side old "$OLD"; fi
done
