#!/usr/bin/env bash
# What recording events costs writes (issue 16: at most 10%): create one, PATCH one and a batch of
# 500, with and without event recording, alternated in one sitting so that a noisy minute hits both.
#
#   bench/events-cost.sh                      # 3 rounds of (with, without), 10 s per scenario
#   RUNS=1 DURATION=5 WARMUP=5 bench/events-cost.sh    # a quick check
#
# Each scenario is measured after WARMUP (60) s of itself: after 5 s, and even after 25 s, the JIT
# still compiled about 50 methods a second on one of the two cores, more of them on the side with
# events (C2 compiler threads: 381 against 188 CPU ticks of the 10 s measured after 25 s; 23 after
# 90 s: docs/bench/round11-20261206/), so a short warm-up weighed the compiler as much as the writes.
#   COMPARE=rollup bench/events-cost.sh       # the same, with and without the pipeline's rollup
#
# COMPARE=rollup measures what keeping the whole pipeline rolled up (V76) costs the same writes:
# "without" is the same jar with the rollup's triggers disabled in crm_bench for that side (events
# recorded on both sides); after it the rollup is rebuilt from the opportunities and the triggers
# enabled again, also when the script stops early.
#
# "Without" is the same commit built with EventRecorder.recordAll returning before it builds or
# inserts anything (a copy of the tree under bench/results/, never a setting of the service): the
# write paths, their transactions and everything else stay as they are. Each side runs through
# bench/run.sh (same data set, JVM settings and wrk scripts; no ceilings, no AOT cache: start-up
# is not measured here), so the figures are those of its table. Results:
# bench/results/events-cost-<timestamp>/ (one run.sh result per side and round, and cost.txt).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
RUNS=${RUNS:-3}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-60}
WITH=$REPO_DIR/target/opportunities-service-0.1.0-SNAPSHOT.jar
OUT="$BENCH_DIR/results/${COMPARE:-events}-cost-$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"

[[ -f $WITH ]] || (cd "$REPO_DIR" && ./mvnw -q package -DskipTests -Dspotless.check.skip=true)

export COMPARE=${COMPARE:-events}
if [[ $COMPARE == rollup ]]; then
  export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
  rollup_triggers() { # enable | disable
    psql -X -q -v ON_ERROR_STOP=1 -d crm_bench -c "alter table crm.opportunity $1 trigger opportunity_rollup_inserted,
      $1 trigger opportunity_rollup_updated, $1 trigger opportunity_rollup_deleted"
  }
  rollup_restored() {
    psql -X -q -v ON_ERROR_STOP=1 -d crm_bench <<'SQL'
begin;
lock table crm.opportunity in share mode;
delete from crm.opportunity_rollup;
insert into crm.opportunity_rollup (pipeline_id, deal_stage_id, currency, is_closed, is_won, count, amount, weighted)
select pipeline_id, deal_stage_id, currency, is_closed, is_won,
       count(*), coalesce(sum(amount), 0), coalesce(sum(amount * probability), 0)
  from crm.opportunity group by pipeline_id, deal_stage_id, currency, is_closed, is_won;
alter table crm.opportunity enable trigger opportunity_rollup_inserted,
  enable trigger opportunity_rollup_updated, enable trigger opportunity_rollup_deleted;
commit;
SQL
  }
  trap rollup_restored EXIT
fi

if [[ $COMPARE == rollup ]]; then
  WITHOUT=$WITH
else
# the same tree, recording nothing
COPY="$OUT/no-events-tree"
mkdir -p "$COPY"
git -C "$REPO_DIR" archive HEAD | tar -x -C "$COPY"
RECORDER="$COPY/src/main/java/com/leadgencrm/opportunities/event/EventRecorder.java"
python3 - "$RECORDER" <<'PY'
import sys
path = sys.argv[1]
source = open(path).read()
anchor = "  public int recordAll(Collection<Change> changes) {\n"
assert anchor in source, "EventRecorder.recordAll not found"
open(path, "w").write(source.replace(anchor, anchor + "    if (changes != null) {\n      return 0;\n    }\n", 1))
PY
(cd "$COPY" && cp -r "$REPO_DIR/.mvn" . 2>/dev/null || true; cd "$COPY" && \
  "$REPO_DIR/mvnw" -q package -DskipTests -Dspotless.check.skip=true -Dmaven.test.skip=true)
WITHOUT=$(ls "$COPY"/target/opportunities-service-*.jar)
fi

for run in $(seq 1 "$RUNS"); do
  for side in with without; do
    jar=$WITH
    [[ $side == without ]] && jar=$WITHOUT
    echo "== round $run, $side $COMPARE"
    if [[ $COMPARE == rollup ]]; then
      if [[ $side == without ]]; then rollup_triggers disable; else rollup_restored; fi
    fi
    BENCH_JAR=$jar "$BENCH_DIR/run.sh" --scenario create,patch,batch_create --no-ceilings --no-aot-cache \
      --duration "$DURATION" --warmup "$WARMUP" --results "$OUT/$side-$run" >"$OUT/$side-$run.log" 2>&1 \
      || { tail -20 "$OUT/$side-$run.log"; exit 1; }
  done
done

python3 - "$OUT" "$RUNS" <<'PY' | tee "$OUT/cost.txt"
import csv, os, statistics, sys
out, runs = sys.argv[1], int(sys.argv[2])
figures = {}
for side in ("with", "without"):
    for run in range(1, runs + 1):
        with open(os.path.join(out, "%s-%d" % (side, run), "summary.csv")) as f:
            for row in csv.DictReader(f):
                value = row["items_per_s"] or row["rps"]
                if value:
                    figures.setdefault((row["scenario"], side), []).append(float(value))
print("%-14s %14s %14s %8s   (per round: with / without)" % ("scenario", "with " + os.environ.get("COMPARE", "events"), "without", "cost"))
for scenario in ("create", "patch", "batch_create"):
    w, wo = figures.get((scenario, "with"), []), figures.get((scenario, "without"), [])
    if not w or not wo:
        continue
    mw, mwo = statistics.median(w), statistics.median(wo)
    print("%-14s %14.0f %14.0f %7.1f%%   %s" % (scenario, mw, mwo, 100 * (1 - mw / mwo),
          "  ".join("%.0f/%.0f" % p for p in zip(w, wo))))
print("(req/s; batch_create in opportunities/s; medians of %d rounds)" % runs)
PY
