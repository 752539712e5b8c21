#!/usr/bin/env bash
# What one chunk of the projection of opportunity events into their states costs PostgreSQL
# (OpportunityStates: up to 1,000 event ids a statement). Runs the service's own statement, taken
# from OpportunityStates.java of this tree (or of the commit given), under EXPLAIN ANALYZE in a
# transaction that is rolled back, so the database is left as it was; prints each run's execution
# time and keeps the last plan.
#
#   bench/projection-chunk.sh                     # 5 runs on crm_bench, this tree's statement
#   bench/projection-chunk.sh --commit 75d5ba2    # the statement as it was at a commit
#   RUNS=3 DB=crm_bench_100000 bench/projection-chunk.sh
#
# It needs a backlog: at least one event beyond opportunity_state_position (after a bench/run.sh
# or events-cost.sh that wrote faster than the background projection follows, there is one).
# JIT is off, as on the service's connections (LimitsConfiguration).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
SOURCE=src/main/java/com/leadgencrm/opportunities/opportunity/OpportunityStates.java
RUNS=${RUNS:-5}
DB=${DB:-crm_bench}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
COMMIT=""
[[ ${1:-} == --commit ]] && COMMIT=${2:?--commit needs a commit}

if [[ -n $COMMIT ]]; then
  java_source=$(git -C "$REPO_DIR" show "$COMMIT:$SOURCE")
else
  java_source=$(cat "$REPO_DIR/$SOURCE")
fi

# the feed's head and the position, as the service reads them before a chunk (EventLog.head, V80;
# OpportunityStates.position)
head=$(psql -X -At -d "$DB" -c "select crm.event_feed_head()")
after=$(psql -X -At -d "$DB" -c "select value from crm.opportunity_state_position")
((head > after)) || { echo "no events beyond the projection's position in $DB: nothing to measure" >&2; exit 1; }
backlog=$((head - after))

# the statement: PROJECT with TYPED and COLUMNS put in, and the values the service binds: the
# chunk's ends :after and :to (before 6 December 2026: :window, the chunk's size, and :head)
statement=$(python3 -c '
import re, sys
source = sys.stdin.read()
head, after = int(sys.argv[1]), int(sys.argv[2])
def text_block(name):
    return re.search(name + r"\s*=\s*\"\"\"\n(.*?)\"\"\"", source, re.S).group(1)
columns = "".join(re.findall(r"\"(.*?)\"", re.search(r"COLUMNS =\s*(.*?);", source, re.S).group(1)))
chunk = int(re.search(r"CHUNK = ([0-9_]+);", source).group(1).replace("_", ""))
project = text_block("PROJECT").replace("%s", text_block("TYPED"), 1).replace("%s", columns)
values = {"window": chunk, "head": head, "after": after, "to": min(after + chunk, head)}
print(re.sub(r":(window|head|after|to)\b", lambda m: str(values[m.group(1)]), project))
' "$head" "$after" <<<"$java_source")

echo "$DB: $backlog events beyond the position; ${COMMIT:-this tree}'s statement, $RUNS runs"

OUT="$BENCH_DIR/results/projection-chunk-$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
for run in $(seq 1 "$RUNS"); do
  psql -X -q -v ON_ERROR_STOP=1 -d "$DB" >"$OUT/plan.txt" <<SQL
set search_path = crm;
set jit = off;
begin;
explain (analyze, buffers) $statement;
rollback;
SQL
  echo "run $run: $(grep -o 'Execution Time: .*' "$OUT/plan.txt")"
done
echo "last plan: $OUT/plan.txt"
