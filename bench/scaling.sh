#!/usr/bin/env bash
# How cost grows with data: the scenarios tagged "scaling" in run.sh's table (GET by id, the lists,
# the incremental sync; the summary once it exists) at several data set sizes, each figure charted
# against the size. See bench/README.md "Scaling".
#
#   bench/scaling.sh                                   # 100,000, 1,000,000 and 10,000,000 opportunities
#   bench/scaling.sh --sizes 100000,1000000 --runs 3   # other sizes, medians of 3 runs per size
#   bench/scaling.sh --duration 5 --warmup 2 --sizes 100000,200000   # a smoke run
#
# Per size it runs bench/run.sh --size N --scenario tag:scaling (each size in a database of its own,
# crm_bench_N, or crm_bench for 1,000,000, loaded once and kept), with every ceiling beside each
# scenario as run.sh measures them. Then bench/report.py scaling writes the tables and
# scaling.gnuplot the chart. Results: bench/results/scaling-<timestamp>/ (size-N/ is run.sh's
# results directory of that size; scaling.txt, scaling.csv, scaling.png).
# Options after -- go to run.sh as they are (for example -- --no-virtual-threads).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SIZES=100000,1000000,10000000
RUNS=1
DURATION=20
WARMUP=10
# page 100 exists at every size (owner 1 holds a tenth of the rows open); run.sh's default of
# page 1,000 needs at least 1,000,000 rows
DEEP_PAGE=100
PASS=()

usage() {
  cat <<EOF
Usage: bench/scaling.sh [options] [-- run.sh options]
  --sizes N,N,...   data set sizes, in opportunities (default $SIZES)
  --runs N          runs per size; medians (default $RUNS)
  --duration S      seconds per measurement (default $DURATION)
  --warmup S        seconds of warm-up per scenario (default $WARMUP)
  --deep-page N     the page of list_owner_deep (default $DEEP_PAGE: it exists at every size)
EOF
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --sizes) SIZES=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --deep-page) DEEP_PAGE=$2; shift 2 ;;
    --) shift; PASS=("$@"); break ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done
[[ $SIZES =~ ^[0-9]+(,[0-9]+)*$ ]] || { echo "--sizes: numbers, comma-separated" >&2; exit 2; }

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

OUT="$BENCH_DIR/results/scaling-$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
log "results: $OUT"
failed=()
for size in ${SIZES//,/ }; do
  log "=== $size opportunities"
  # run.sh bounds each of its own steps in time (the data load included)
  if ! "$BENCH_DIR/run.sh" --size "$size" --scenario tag:scaling --deep-page "$DEEP_PAGE" --runs "$RUNS" \
    --duration "$DURATION" --warmup "$WARMUP" --results "$OUT/size-$size" "${PASS[@]}" 2>&1 |
    tee "$OUT/size-$size.log" | { grep -E '^\[.*\] (===|scenario|  |data set|service ready|bare Boot app ready|ERROR|WARNING)' >&2 || true; }; then
    log "run.sh failed or was incomplete for $size opportunities (log: $OUT/size-$size.log)"
    failed+=("$size")
  fi
done

status=0
python3 "$BENCH_DIR/report.py" scaling "$OUT" >"$OUT/scaling.txt" || status=$?
cat "$OUT/scaling.txt"
if [[ -s $OUT/scaling-rps.dat ]]; then
  gnuplot -e "dir='$OUT'; outfile='$OUT/scaling.png'; n=$(head -1 "$OUT/scaling-rps.dat" | wc -w); subtitle='$(jq -r '"JDK \(.jdk), \(.runs) run(s) x \(.duration_s) s per size, commit \(.git_commit)"' "$(ls "$OUT"/size-*/meta.json | head -1)")'" \
    "$BENCH_DIR/scaling.gnuplot" && log "chart: $OUT/scaling.png"
fi
log "results: $OUT"
if ((${#failed[@]} > 0)); then
  log "incomplete at: ${failed[*]}"
  exit 1
fi
exit "$status"
