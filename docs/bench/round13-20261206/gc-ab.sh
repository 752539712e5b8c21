#!/usr/bin/env bash
# The parallel against the serial collector, every wrk scenario, one bench/run.sh run a side,
# in the order par, ser, par, ser, ser, par (so that a machine drifting over the hour weighs on
# both), with rss-sampler.sh keeping the service's mappings at its largest RSS. Run from the root
# of a checkout; results in bench/results/gc-<side><n>/ and the sampler's in bench/results/rss-<side><n>/.
#
#   docs/bench/round13-20261206/gc-ab.sh
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export BENCH_JAVA_HOME=${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
n=0
for side in par ser par ser ser par; do
  n=$((n + 1))
  opts=""
  [[ $side == ser ]] && opts="-XX:-UseParallelGC -XX:+UseSerialGC"
  "$HERE/rss-sampler.sh" "bench/results/rss-$side$n" >/dev/null 2>&1 &
  sampler=$!
  BENCH_JAVA_OPTS="$opts" bench/run.sh --runs 1 --no-ceilings --scenario a,b,c,d,e,i,f,g,h,k,j,p,q \
    --duration 10 --warmup 5 --results "bench/results/gc-$side$n"
  kill "$sampler"
done
