#!/usr/bin/env bash
# Every wrk scenario with the service in Spring's ahead-of-time mode (--spring-aot) and not (the
# same jar without -Dspring.aot.enabled=true), one bench/run.sh run a side, in the order given by
# SIDES (the round ran "aot plain", then "plain aot" with N0=2), with the thirteenth round's
# rss-sampler.sh keeping the service's mappings at its largest RSS. Run from the root of a
# checkout; results in bench/results/all-<side><n>/ and bench/results/rss-all-<side><n>/.
#
#   docs/bench/round14-20261206/all-ab.sh; SIDES="plain aot" N0=2 docs/bench/round14-20261206/all-ab.sh
#   SIDES="aot plain plain aot" FLAGS=--no-aot-cache SCENARIOS=a,i,e,h PREFIX=nocache docs/bench/round14-20261206/all-ab.sh
set -euo pipefail
SAMPLER=$(cd "$(dirname "${BASH_SOURCE[0]}")/../round13-20261206" && pwd)/rss-sampler.sh
export BENCH_JAVA_HOME=${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
n=${N0:-0}
for side in ${SIDES:-aot plain}; do
  n=$((n + 1))
  flag=""
  [[ $side == aot ]] && flag="--spring-aot"
  "$SAMPLER" "bench/results/rss-${PREFIX:-all}-$side$n" >/dev/null 2>&1 &
  sampler=$!
  # shellcheck disable=SC2086
  bench/run.sh $flag ${FLAGS:-} --runs 1 --no-ceilings --scenario "${SCENARIOS:-a,b,c,d,e,i,f,g,h,k,j,p,q}" \
    --duration 10 --warmup 5 --results "bench/results/${PREFIX:-all}-$side$n"
  kill "$sampler"
done
