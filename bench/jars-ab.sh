#!/usr/bin/env bash
# One bench scenario from two jars, alternated (A, B, B, A, ...): each started on crm_bench with the
# production JVM settings (bench/jar-service.sh), warmed up for 30 s (WARMUP=seconds) with the
# scenario's own wrk script, then measured three times 10 s with wrk -t2 at the scenario's
# connections (CONNS=n for another number; 1 measures a request's latency alone): requests per
# second, and the service's CPU time per request (user + system ticks of its process over the
# measurement, in microseconds), which the machine's drift moves less. The scenario is a line of
# bench/run.sh's table (get_by_id, list_owner_first, create, patch, ...).
#
#   bench/jars-ab.sh SCENARIO A.jar B.jar [rounds]
#   bench/jars-ab.sh list_owner_first /tmp/before.jar target/opportunities-service-0.1.0-SNAPSHOT.jar 3
#
# Needs crm_bench loaded (bench/run.sh loads it) and nothing else running: about 8 minutes for
# three rounds. bench/ab.sh compares two commits through bench/run.sh's whole table instead.
set -euo pipefail
SCENARIO=$1 A=$2 B=$3 ROUNDS=${4:-3} WARMUP=${WARMUP:-30}
export PORT=18090 DB=crm_bench KEY=benchadmin.bench_secret_4f9c2e7a1b
BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
IFS='|' read -r _ _ TABLE_CONNS SCRIPT _ _ _ URL_PATH _ < <(grep "^$SCENARIO|" "$BENCH/run.sh" | head -1)
CONNS=${CONNS:-$TABLE_CONNS}
THREADS=$((CONNS < 2 ? CONNS : 2))
[[ -n ${SCRIPT:-} ]] || { echo "no scenario $SCENARIO in bench/run.sh" >&2; exit 2; }
source "$BENCH/jar-service.sh"
export BENCH_TOKEN=$KEY
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
side() { # name jar
  start "$2" "/tmp/ab-$SCENARIO-$1.log"
  url="http://localhost:$PORT$URL_PATH"
  wrk -t"$THREADS" -c"$CONNS" -d"$WARMUP"s -s "$BENCH/wrk/$SCRIPT" "$url" >/dev/null
  rates=() cpu=()
  for _ in 1 2 3; do
    before=$(ticks)
    out=$(wrk -t"$THREADS" -c"$CONNS" -d10s -s "$BENCH/wrk/$SCRIPT" "$url")
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
