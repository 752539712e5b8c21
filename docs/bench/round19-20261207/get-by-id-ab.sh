#!/usr/bin/env bash
# GET /opportunities/{id} from two jars, alternated (A, B, B, A, ...): each started on crm_bench with
# the production JVM settings (bench/jar-service.sh), warmed up for 30 s with the bench's own wrk
# script (random ids of the million), then measured three times 10 s with wrk -t2 -c32: requests
# per second, and the service's CPU time per request (user + system ticks of its process over the
# measurement, in microseconds), which the machine's drift moves less.
#
#   docs/bench/round19-20261207/get-by-id-ab.sh A.jar B.jar [rounds]
set -euo pipefail
A=$1 B=$2 ROUNDS=${3:-3}
export PORT=18090 DB=crm_bench KEY=benchadmin.bench_secret_4f9c2e7a1b
BENCH=$(cd "$(dirname "$0")/../../../bench" && pwd)
source "$BENCH/jar-service.sh"
export BENCH_TOKEN=$KEY
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
side() { # name jar
  start "$2" "/tmp/get-by-id-$1.log"
  wrk -t2 -c32 -d30s -s "$BENCH/wrk/get_by_id.lua" "http://localhost:$PORT" >/dev/null
  rates=() cpu=()
  for _ in 1 2 3; do
    before=$(ticks)
    out=$(wrk -t2 -c32 -d10s -s "$BENCH/wrk/get_by_id.lua" "http://localhost:$PORT")
    after=$(ticks)
    requests=$(awk '/requests in/ {print $1}' <<<"$out")
    rates+=("$(awk '/Requests\/sec/ {print $2}' <<<"$out")")
    cpu+=("$(( (after - before) * 1000000 / $(getconf CLK_TCK) / requests ))")
  done
  echo "$1 req/s ${rates[*]}  CPU us/request ${cpu[*]}"
  stop
}
for round in $(seq "$ROUNDS"); do
  if ((round % 2)); then side A "$A"; side B "$B"; else side B "$B"; side A "$A"; fi
done
