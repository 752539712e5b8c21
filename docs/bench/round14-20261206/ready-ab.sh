#!/usr/bin/env bash
# Readiness beside the bare Boot app's: the service in Spring's ahead-of-time mode (--spring-aot:
# the jar built with -Pspring-aot, run with -Dspring.aot.enabled=true) and not (the same jar without
# the option), in the order aot, plain, aot, plain, two runs each (bench/run.sh restarts both apps
# each run), GET by id measured so that each run is a real one. Run from the root of a checkout;
# results in bench/results/ready-<side><n>/.
#
#   docs/bench/round14-20261206/ready-ab.sh
set -euo pipefail
export BENCH_JAVA_HOME=${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
n=0
for side in aot plain aot plain; do
  n=$((n + 1))
  flag=""
  [[ $side == aot ]] && flag="--spring-aot"
  bench/run.sh $flag --runs 2 --scenario get_by_id --duration 10 --warmup 5 --results "bench/results/ready-$side$n"
done
