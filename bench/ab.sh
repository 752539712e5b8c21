#!/usr/bin/env bash
# Two commits side by side: bench/run.sh on each, one run a side in the order before, after, after,
# before (this machine's speed drifts by a third within an hour; alternating lets a slow minute hit
# both sides), then each side's runs per scenario in one table.
#
#   bench/ab.sh BEFORE AFTER [bench/run.sh options]
#   bench/ab.sh 40ae67c fbf1c40 --no-ceilings --scenario i --duration 10 --warmup 5
#
# Each commit is cloned from this repository and built under /tmp/ab-<commit> (reused when built);
# each run is the clone's own bench/run.sh with --runs 1 and the options given, on JDK 25
# (BENCH_JAVA_HOME). Results: bench/results/ab-<timestamp>/ (each run's result folder, and
# ab.txt: req/s, p50 and p99 of every scenario, run by run).
set -euo pipefail

[[ $# -ge 2 ]] || { sed -n '2,12p' "$0"; exit 2; }
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
before=$(git -C "$REPO_DIR" rev-parse --short "$1")
after=$(git -C "$REPO_DIR" rev-parse --short "$2")
shift 2
OUT="$BENCH_DIR/results/ab-$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
export BENCH_JAVA_HOME=${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}

for commit in "$before" "$after"; do
  dir=/tmp/ab-$commit
  if [[ ! -f $dir/.ab-built ]]; then
    rm -rf "$dir"
    git clone -q "$REPO_DIR" "$dir"
    git -C "$dir" checkout -q "$commit"
    (cd "$dir" && ./mvnw -q package -DskipTests -Dspotless.check.skip=true -Dmaven.test.skip=true)
    touch "$dir/.ab-built"
  fi
done

n=0
for commit in "$before" "$after" "$after" "$before"; do
  n=$((n + 1))
  side=$([[ $commit == "$before" ]] && echo before || echo after)
  (cd "/tmp/ab-$commit" && bench/run.sh --runs 1 "$@" --results "$OUT/$n-$side-$commit")
done

{
  echo "bench/ab.sh $before $after $*"
  echo "run side   commit   scenario                    req/s    p50 ms    p99 ms"
  for result in "$OUT"/[0-9]-*; do
    run=$(basename "$result")
    awk -v run="${run%%-*}" -v side="$(cut -d- -f2 <<<"$run")" -v commit="${run##*-}" \
      '/^[a-z]\) / { printf "%-3s %-6s %-8s %-24s %9s %9s %9s\n", run, side, commit, $1 " " $2, $4, $5, $6 }' \
      "$result/table.txt"
  done | sort -k4,5 -k2,2 -s
} | tee "$OUT/ab.txt"
