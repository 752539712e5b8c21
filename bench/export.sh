#!/usr/bin/env bash
# The CSV export of 1,000,000 opportunities, and what a slow export client holds up.
#
#   bench/export.sh                      # the repo's jar
#   bench/export.sh OLD.jar NEW.jar      # each jar in turn, alternated OLD NEW NEW OLD
#   RUNS=5 bench/export.sh ...
#
# On crm_bench (the 1,000,000 opportunities bench/run.sh loads; run that once first), each jar
# starts with the production JVM settings of README "In production" (JDK 25: BENCH_JAVA_HOME,
# -Xmx256m), then:
#   1. RUNS exports of every opportunity (id order) and RUNS sorted by amount, descending (curl,
#      Accept: text/csv, to a line count): rows/s each;
#   2. a slow client: an export read at 1 MB/s (curl --limit-rate) while a custom field is created
#      and deleted (DDL on the opportunity table): how long each took, and whether GET by id
#      answered meanwhile.
# Results: bench/results/export-<timestamp>/results.txt, one log per sitting.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
RUNS=${RUNS:-3}
PORT=${PORT:-18191}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
DB=crm_bench
KEY=${BENCH_KEY_ID:-benchadmin}.${BENCH_SECRET:-bench_secret_4f9c2e7a1b}
OUT="$BENCH_DIR/results/export-$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
command -v curl >/dev/null || (apt-get update -qq && apt-get install -y -qq curl >/dev/null)
pg_isready -q || { echo "PostgreSQL is not running on $PGHOST:$PGPORT" >&2; exit 1; }
[[ $(psql -X -Atq -d postgres -c "select 1 from pg_database where datname = '$DB'") == 1 ]] ||
  { echo "no database $DB: run bench/run.sh once to load it" >&2; exit 1; }

jars=("$@")
if [[ ${#jars[@]} -eq 0 ]]; then
  [[ -n $(ls "$REPO_DIR"/target/opportunities-service-*.jar 2>/dev/null) ]] ||
    (cd "$REPO_DIR" && ./mvnw -q package -DskipTests -Dspotless.check.skip=true)
  jars=("$(ls "$REPO_DIR"/target/opportunities-service-*.jar | head -1)")
fi
order=("${jars[@]}")
if [[ ${#jars[@]} -eq 2 ]]; then
  order=("${jars[0]}" "${jars[1]}" "${jars[1]}" "${jars[0]}")
fi

source "$BENCH_DIR/jar-service.sh"
now() { date +%s.%N; }

export_rows() { # query -> "rows seconds rows/s"
  local t0 t1 lines
  t0=$(now)
  lines=$(rest --max-time 300 -H 'Accept: text/csv' "localhost:$PORT/opportunities$1" | wc -l)
  t1=$(now)
  awk -v l="$lines" -v a="$t0" -v b="$t1" 'BEGIN {printf "%d rows %.2f s %.0f rows/s", l - 1, b - a, (l - 1) / (b - a)}'
}

timed() { # method path [body] -> "status seconds"
  local body=()
  [[ $# -gt 2 ]] && body=(-H 'Content-Type: application/json' -d "$3")
  rest -o /dev/null --max-time 120 -w '%{http_code} %{time_total}' -X "$1" "${body[@]}" "localhost:$PORT$2"
}

field='{"relationship":"opportunity","systemName":"bench_export_probe","label":"Export probe",
  "dataType":"number","dataLength":12,"isRequired":false,"isCustom":true,"isActive":true,
  "isAvailableInContactManager":true,"isEditableInContactManager":true,"isAvailableInForms":false}'

sitting=0
for jar in "${order[@]}"; do
  sitting=$((sitting + 1))
  log="$OUT/sitting$sitting-$(basename "$jar" .jar).log"
  start "$jar" "$log"
  export_rows "?limit=1&ownerID=5000" >/dev/null # warm the path once
  {
    echo "== sitting $sitting: $jar"
    for run in $(seq "$RUNS"); do
      echo "export, id order, run $run: $(export_rows "")"
      echo "export, amount descending, run $run: $(export_rows "?sort=amount,desc")"
    done
    slow=$(mktemp)
    rest --limit-rate 1M -H 'Accept: text/csv' "localhost:$PORT/opportunities" -o "$slow" &
    reader=$!
    sleep 3
    created=$(rest -o "$OUT/created.json" -w '%{http_code} %{time_total}' --max-time 120 -X POST \
      -H 'Content-Type: application/json' -d "$field" "localhost:$PORT/fields")
    id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("id", ""))' "$OUT/created.json" 2>/dev/null || true)
    echo "slow client (1 MB/s): POST /fields $created s; GET /opportunities/1 $(timed GET /opportunities/1) s"
    if [[ -n $id ]]; then
      echo "slow client (1 MB/s): DELETE /fields/$id $(timed DELETE "/fields/$id") s; GET /opportunities/2 $(timed GET /opportunities/2) s"
    fi
    kill "$reader" 2>/dev/null || true
    wait "$reader" 2>/dev/null || true
    echo "slow client read $(($(stat -c %s "$slow") / 1000000)) MB before it was stopped"
    rm -f "$slow" "$OUT/created.json"
    echo "peak RSS: $(awk '/VmHWM/ {print int($2 / 1024) " MiB"}' "/proc/$pid/status")"
  } | tee -a "$OUT/results.txt"
  stop
done
echo "results: $OUT/results.txt"
