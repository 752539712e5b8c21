#!/usr/bin/env bash
# One chunk of the projection (OpportunityStates.PROJECT) on tables without statistics, as after a
# flood outgrows them: a scratch database crm_hist with 20,000 opportunity.created events and, once
# the first chunk is projected, 1,000 opportunity.updated events of the same opportunities; then
# bench/projection-chunk.sh times the chunk of creates (ids 1,001-2,000) and, after it, the chunk of
# updates, with the statement of COMMIT (before) and of this tree (after), statistics wiped.
#   JAR=target/opportunities-service-0.1.0-SNAPSHOT.jar COMMIT=ff0fdec docs/bench/round18-20261206/projection-without-statistics.sh
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../../.." && pwd)
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
JAR=${JAR:-$REPO/target/opportunities-service-0.1.0-SNAPSHOT.jar}
COMMIT=${COMMIT:-ff0fdec}
JAVA=${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
dropdb --if-exists crm_hist && createdb crm_hist
# the schema: the service once (Flyway), stopped as soon as it is ready
SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/crm_hist" SPRING_DATASOURCE_USERNAME=$PGUSER \
  "$JAVA" -jar "$JAR" --server.port=18099 >/tmp/crm_hist-service.log 2>&1 &
pid=$!
until curl -sf localhost:18099/actuator/health/readiness >/dev/null; do sleep 0.5; done
kill $pid; wait $pid 2>/dev/null || true
events() { # type, count, stage, amount, age
  psql -X -q -v ON_ERROR_STOP=1 -d crm_hist -c "
    insert into crm.event (id, type, aggregate_type, aggregate_id, opportunity_id, owner_before,
                           owner_after, occurred_at, transaction_id, payload)
    select nextval('crm.event_id_seq'), '$1', 'opportunity', 5000 + g, 5000 + g,
           case when '$1' = 'opportunity.created' then null else 7 end, 7,
           now() - interval '$5', gen_random_uuid(),
           json_build_object('type', '$1', 'data', json_build_object('id', 5000 + g, 'ownerID', 7,
             'dealStageID', $3, 'opportunityName', 'Imported ' || g, 'probability', 20,
             'amount', $4, 'currency', 'USD', 'isClosed', false, 'isWon', false, 'isActive', true,
             'closeDate', '2027-01-29T00:00:00Z', 'createTimestamp', now() - interval '1 hour',
             'updateTimestamp', now() - interval '$5'))
      from generate_series(1, $2) g"
}
no_statistics() {
  psql -X -q -d crm_hist -c "analyze crm.event, crm.opportunity_state;
    delete from pg_statistic where starelid in ('crm.event'::regclass, 'crm.opportunity_state'::regclass);
    update pg_class set reltuples = -1, relpages = 0
     where oid in ('crm.event'::regclass, 'crm.opportunity_state'::regclass)"
}
chunk() { # label, then bench/projection-chunk.sh's arguments
  local label=$1; shift
  no_statistics
  echo "== $label"
  DB=crm_hist RUNS=3 "$REPO/bench/projection-chunk.sh" "$@" | grep -E "run [0-9]"
}
events opportunity.created 20000 2 100 '1 hour'
# the first chunk (ids 1-1,000: opportunities 5,001-6,000) projected for good, this tree's statement
python3 - "$REPO" <<'PY' | psql -X -q -v ON_ERROR_STOP=1 -d crm_hist >/dev/null
import re, sys
source = open(sys.argv[1] + "/src/main/java/com/leadgencrm/opportunities/opportunity/OpportunityStates.java").read()
def text_block(name):
    return re.search(name + r"\s*=\s*\"\"\"\n(.*?)\"\"\"", source, re.S).group(1)
columns = "".join(re.findall(r"\"(.*?)\"", re.search(r"COLUMNS =\s*(.*?);", source, re.S).group(1)))
project = text_block("PROJECT").replace("%s", text_block("TYPED"), 1).replace("%s", columns)
print("set search_path = crm;\n" + project.replace(":after", "0").replace(":to", "1000") + ";")
PY
chunk "creates (ids 1,001-2,000), $COMMIT" --commit "$COMMIT"
chunk "creates (ids 1,001-2,000), this tree"
# then 1,000 updates of opportunities 5,001-6,000 (ids 20,001-21,000)
events opportunity.updated 1000 3 150 '30 minutes'
# the chunk beyond the 20,000 creates' holds the updates: move the position there for a moment
psql -X -q -d crm_hist -c "update crm.opportunity_state_position set value = 20000"
chunk "updates (ids 20,001-21,000), $COMMIT" --commit "$COMMIT"
chunk "updates (ids 20,001-21,000), this tree"
