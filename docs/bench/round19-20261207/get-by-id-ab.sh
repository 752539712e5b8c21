#!/usr/bin/env bash
# GET /opportunities/{id} from two jars, alternated (A, B, B, A, ...): each started on crm_bench with
# the production JVM settings (bench/jar-service.sh), warmed up for 30 s with the bench's own wrk
# script (random ids of the million), then measured three times 10 s with wrk -t2 -c32: requests
# per second, and the service's CPU time per request (user + system ticks of its process over the
# measurement, in microseconds), which the machine's drift moves less. Since the twenty-first round
# this is bench/jars-ab.sh for the get_by_id scenario, which measures the same way.
#
#   docs/bench/round19-20261207/get-by-id-ab.sh A.jar B.jar [rounds]
set -euo pipefail
exec "$(dirname "$0")/../../../bench/jars-ab.sh" get_by_id "$@"
