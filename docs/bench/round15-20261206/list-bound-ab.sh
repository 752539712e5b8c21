#!/usr/bin/env bash
# The cost of bounding list pages in bytes (BENCHMARKS.md, fifteenth round): the list scenarios and
# the feed on two commits, one run a side in the order before, after, after, before (the machine's
# speed drifts; alternating lets a slow minute hit both). Ran as:
#   docs/bench/round15-20261206/list-bound-ab.sh 97d5089 364aa9e
set -euo pipefail
before=$1
after=$2
repo=$(git rev-parse --show-toplevel)
for side in before after; do
  dir=/tmp/list-bound-$side
  rm -rf "$dir"
  git clone -q "$repo" "$dir"
  git -C "$dir" checkout -q "${!side}"
  (cd "$dir" && ./mvnw -q package -DskipTests -Dspotless.check.skip=true)
done
for side in before after after before; do
  (cd /tmp/list-bound-$side &&
    BENCH_JAVA_HOME=${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64} bench/run.sh --runs 1 \
      --no-ceilings --scenario b,c,d,e,k --duration 10 --warmup 5 \
      --results "/tmp/list-bound-$side-$(date +%H%M%S)")
done
