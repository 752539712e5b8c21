#!/bin/bash
# before-after.sh [create|patch]: the jar before V80 (cebb077, built in /tmp/old) and after it
# (9653939, built in /tmp/bt, a clone whose root this runs from), alternated on crm_bench, each
# after 60 s of wrk; between them the feed's position is set up as each version expects it (the
# 'sequenced' row for the one before, event_id_seq for the one after), at the newest event id.
P="psql -h 127.0.0.1 -U postgres -d crm_bench -qAt"
for r in 1 2 3; do
  $P -c "insert into crm.event_feed_position (name, value) values ('sequenced', (select coalesce(max(id),0) from crm.event)) on conflict (name) do update set value = excluded.value"
  echo -n "round $r before (cebb077): "; WARM=60 docs/bench/round11-20261206/thread-cpu.sh /tmp/old/target/opportunities-service-0.1.0-SNAPSHOT.jar ${1:-create} 2>/dev/null | head -1
  $P -c "delete from crm.event_feed_position where name = 'sequenced'" -c "select setval('crm.event_id_seq', (select max(id) from crm.event))" >/dev/null
  echo -n "round $r after (9653939):  "; WARM=60 docs/bench/round11-20261206/thread-cpu.sh /tmp/bt/target/opportunities-service-0.1.0-SNAPSHOT.jar ${1:-create} 2>/dev/null | head -1
done
