#!/usr/bin/env bash
# Compact object headers (JDK 24+, JEP 519: -XX:+UseCompactObjectHeaders, 8-byte headers instead of
# 12) against the production settings, every wrk scenario, one bench/run.sh run a side, in the
# order base, coh, coh, base (so that a machine drifting over the hour weighs on both), with the
# thirteenth round's rss-sampler.sh keeping the service's mappings at its largest RSS. Each side's
# AOT cache is made with its own options (bench/run.sh keys the cache by them). Run from the root of
# a checkout; results in bench/results/coh-<side><n>/ and the sampler's in bench/results/rss-<side><n>/.
#
#   docs/bench/round14-20261206/coh-ab.sh
set -euo pipefail
SAMPLER=$(cd "$(dirname "${BASH_SOURCE[0]}")/../round13-20261206" && pwd)/rss-sampler.sh
export BENCH_JAVA_HOME=${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
n=0
for side in ${SIDES:-base coh coh base}; do
  n=$((n + 1))
  opts=""
  [[ $side == coh ]] && opts="-XX:+UseCompactObjectHeaders"
  "$SAMPLER" "bench/results/rss-$side$n" >/dev/null 2>&1 &
  sampler=$!
  BENCH_JAVA_OPTS="$opts" bench/run.sh --runs 1 --no-ceilings --scenario a,b,c,d,e,i,f,g,h,k,j,p,q \
    --duration 10 --warmup 5 --results "bench/results/coh-$side$n"
  kill "$sampler"
done
