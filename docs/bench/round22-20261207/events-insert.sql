-- What 500 events' rows cost PostgreSQL by themselves (twenty-second round of BENCHMARKS.md):
--   for i in 1 2 3 4; do psql -X -q -d crm_bench -f events-insert.sql; done
-- 500 opportunity.created payloads of about 750 bytes, inserted with each statement in turn, each
-- rolled back: the one PendingEvents used until 8618432 (a text[] of payloads, each cast to json)
-- and the one since (one UTF-8 JSON array, its elements stored as they are).
-- JIT is off: these temporary tables have no statistics, and the planner's estimate for them
-- JIT-compiled the second statement (90 ms), which the service's own statement (parameters, no
-- tables) never is.
set jit = off;
create temp table p as select array_agg('opportunity.created'::text) t, array_agg('opportunity'::text) a, array_agg(g::bigint+5000000) id, array_agg(g::bigint+5000000) o, array_agg(null::bigint) ob, array_agg((g%50)::bigint) oa, array_agg(now()) oc,
 array_agg(('{"specversion":"1.0","id":"0","type":"opportunity.created","source":"/opportunities-service","time":"2026-12-07T09:00:00Z","transactionID":"6a1f0c2e-1111-4222-8333-944445555666","actor":{"userID":1,"keyId":"benchadmin"},"resource":{"type":"opportunity","id":' || g || '},"data":{"id":' || g || ',"opportunityName":"Deal number ' || g || ' for account","accountID":12345,"amount":"1234.50","currency":"USD","closeDate":"2027-01-15","dealStageID":3,"pipelineID":1,"probability":"35.00","isClosed":false,"isWon":false,"ownerID":' || (g%50) || ',"primaryLeadID":null,"campaignID":null,"nextStep":"Call back","description":null,"createTimestamp":"2026-12-07T09:00:00.123456Z","updateTimestamp":"2026-12-07T09:00:00.123456Z","stageChangeTimestamp":"2026-12-07T09:00:00.123456Z"},"changes":null}')::text) pl
 from generate_series(1,500) g;
create temp table q as select convert_to('[' || array_to_string(pl, ',') || ']', 'UTF8') b from p;
prepare old_statement as
insert into crm.event (id, type, aggregate_type, aggregate_id, opportunity_id, owner_before, owner_after, occurred_at, transaction_id, payload)
select nextval('crm.event_id_seq'), e.type, e.aggregate_type, e.aggregate_id, e.opportunity_id, e.owner_before, e.owner_after, e.occurred_at, gen_random_uuid(), cast(e.payload as json)
from p, unnest(p.t, p.a, p.id, p.o, p.ob, p.oa, p.oc, p.pl) with ordinality as e(type, aggregate_type, aggregate_id, opportunity_id, owner_before, owner_after, occurred_at, payload, n);
prepare new_statement as
insert into crm.event (id, type, aggregate_type, aggregate_id, opportunity_id, owner_before, owner_after, occurred_at, transaction_id, payload)
select nextval('crm.event_id_seq'), e.type, e.aggregate_type, e.aggregate_id, e.opportunity_id, e.owner_before, e.owner_after, e.occurred_at, gen_random_uuid(), e.payload
from p, q, rows from (unnest(p.t), unnest(p.a), unnest(p.id), unnest(p.o), unnest(p.ob), unnest(p.oa), unnest(p.oc), json_array_elements(cast(convert_from(q.b, 'UTF8') as json))) with ordinality as e(type, aggregate_type, aggregate_id, opportunity_id, owner_before, owner_after, occurred_at, payload, n);
\timing on
begin;
execute old_statement;
rollback;
begin;
execute new_statement;
rollback;
