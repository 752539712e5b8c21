-- A year of history for the bench data set: the events the service would have recorded if every
-- opportunity of bench/data/generate.sql had been created and changed through the API, so that
-- `asOf`, `/opportunities/waterfall` and `/opportunities/stageFlow` (which read the change feed,
-- table crm.event) have something to rebuild.
--
--     psql -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres -d crm_bench -f bench/data/history.sql
--
-- (bench/insight.sh runs it). Run generate.sql first. Never point it at a database whose data
-- matters: it empties crm.event.
--
-- Per opportunity, in crm.event exactly as EventRecorder writes them (type,
-- aggregate_type, aggregate_id, opportunity_id, owner_before/owner_after, occurred_at,
-- transaction_id, payload = the CloudEvents document with `data` = the opportunity as a GET
-- returns it (all 20 custom fields, null when unset) and `changes` = from/to of what changed):
--   * one opportunity.created, about a year ago (t0 - 365 days + up to 1 day) or, for those created
--     within the last year, at their createTimestamp;
--   * when the row's updateTimestamp is later than that (about 85 % of them): 1..3 opportunity.updated,
--     the last one at updateTimestamp and holding the row as it is now. Each update is one of: a
--     stage move (one stage up, or down for those now in stage 1), a close-date push (the close
--     date 30 days later), an amount change (10..40 % up or down; never for a missing amount), in
--     turn; for a won or lost opportunity (stages 6 and 7) the last update is the win or loss.
--     Earlier states are derived backwards from the current row, so the history ends in it.
--   * probability follows the stage (stage default) unless the row's probability is manual;
--     stageChangeTimestamp is the time of the state's last stage move (the last event carries the
--     row's own value).
-- Ids are handed out in occurred_at order after the feed's head, holding the feed's lock
-- exclusively (no write takes ids meanwhile), and the sequence event_id_seq is moved to the last
-- one. About 2.7 events per opportunity (2.7 million for the default size, about 1.5 KB each).
-- Deterministic apart from timestamps (relative to the load) and transaction ids.
--
-- Idempotent: skips when bench.dataset says this history was loaded for the data set now loaded
-- (loaded_at of generate.sql) and the events are still there (a service started with a short
-- CRM_EVENTS_RETENTION_DAYS purges nothing of opportunities, but a reload of generate.sql makes
-- the history stale). -v force=1 loads it again.

\set ON_ERROR_STOP on
\timing on
\if :{?force}
\else
  \set force 0
\endif

set client_min_messages = warning;
set maintenance_work_mem = '512MB';
set work_mem = '128MB';
set search_path = crm, public;

-- Already loaded for this data set?
select coalesce(exists (select 1 from bench.dataset h join bench.dataset l on l.key = 'loaded_at'
                 where h.key = 'history_for_loaded_at' and h.value = l.value)
        and (select value::bigint from bench.dataset where key = 'history_events')
            = (select count(*) from crm.event e
                where e.id <= (select value::bigint from bench.dataset where key = 'history_max_event_id')
                  and e.aggregate_type = 'opportunity')
        and :force = 0, false) as history_loaded \gset
\if :history_loaded
  select 'history already loaded: ' || value || ' events (-v force=1 to load it again)'
    from bench.dataset where key = 'history_events';
  \quit
\endif

begin;

-- the feed's head, whose lock (V80) this transaction keeps: no write can take event ids while the
-- history is written
select crm.event_feed_head() as sequenced_before \gset

create function pg_temp.u(g bigint, s bigint) returns double precision
  language sql immutable parallel safe
  as $$ select ((hashint8extended(g, s) >> 11) & 9007199254740991)::double precision / 9007199254740992.0 $$;

-- an Instant as Jackson writes it (Instant.toString: fraction digits in groups of 3, none when 0)
create function pg_temp.iso(t timestamptz) returns text
  language sql immutable parallel safe
  as $$ select to_char(t at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS')
            || case when extract(microseconds from t)::bigint % 1000000 = 0 then ''
                    when extract(microseconds from t)::bigint % 1000 = 0
                      then '.' || lpad((extract(microseconds from t)::bigint % 1000000 / 1000)::text, 3, '0')
                    else '.' || lpad((extract(microseconds from t)::bigint % 1000000)::text, 6, '0') end
            || 'Z' $$;

create temp table history_clock on commit drop as
  select date_trunc('second', clock_timestamp()) as t0, clock_timestamp() as started;

-- the states projected from the events go with them; the service projects the new ones again
truncate crm.opportunity_state, crm.event;
update crm.opportunity_state_position set value = 0;
-- secondary indexes of crm.event dropped for the load and recreated from their definitions after it
create temp table saved_indexes on commit drop as
  select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
    from pg_index i
   where i.indrelid = 'crm.event'::regclass
     and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid);
do $$
declare
  r record;
begin
  for r in select name from saved_indexes loop
    execute 'drop index ' || r.name;
  end loop;
end $$;

-- every active custom field, null: what a GET shows for an unset one
create temp table custom_nulls on commit drop as
  select coalesce(jsonb_object_agg(system_name, null::text), '{}'::jsonb) as nulls
    from crm.field where relationship = 'opportunity' and is_custom and is_active;

-- The plan of each opportunity: when it was created, how many updates, and the state it started in.
create temp table plan on commit drop as
select o.id, o.owner_id, o.deal_stage_id as final_stage, o.amount as final_amount, o.close_date as final_close,
       o.update_timestamp, o.create_timestamp, o.probability, o.probability_explicit,
       c.created_at,
       n, closed_final, n_open,
       -- stage moves among the open updates: updates 1..n_open take kinds (k0 + j) % kinds
       -- (0 stage move, 1 close push, 2 amount change; no amount change without an amount)
       k0, kinds,
       last_open
  from crm.opportunity o
 cross join history_clock h
 cross join lateral (select greatest(o.create_timestamp,
                                     h.t0 - interval '365 days' + make_interval(secs => pg_temp.u(o.id, 200) * 86400))
                            as created_at) c
 cross join lateral (select case when o.update_timestamp > c.created_at + interval '1 minute'
                                 then 1 + floor(pg_temp.u(o.id, 201) * 3)::int else 0 end as n,
                            o.deal_stage_id in (6, 7) as closed_final) a
 cross join lateral (select case when closed_final and n > 0 then n - 1 else n end as n_open,
                            floor(pg_temp.u(o.id, 202) * 3)::int as k0,
                            case when o.amount is null then 2 else 3 end as kinds,
                            -- the open stage a won/lost one was in before it closed
                            case when o.deal_stage_id in (6, 7) then 1 + floor(pg_temp.u(o.id, 204) * 5)::int
                                 else o.deal_stage_id::int end as last_open) b;

-- One row per event: step 0 (created) .. n (the current row).
create temp table step on commit drop as
select p.*, j, k.moves_after, k.pushes_after, k.amounts_after, k.moves_total,
       case when j = 0 then p.created_at
            when j = p.n then p.update_timestamp
            else p.created_at + (p.update_timestamp - p.created_at) * ((j - 1 + 0.2 + 0.6 * pg_temp.u(p.id * 8 + j, 205)) / p.n)
       end as at
  from plan p
 cross join lateral generate_series(0, p.n) as j
 -- how many updates of each kind come after step j (among the open updates 1..n_open)
 cross join lateral (select count(*) filter (where x > j and (p.k0 + x) % p.kinds = 0) as moves_after,
                            count(*) filter (where x > j and (p.k0 + x) % p.kinds = 1) as pushes_after,
                            count(*) filter (where x > j and (p.k0 + x) % p.kinds = 2) as amounts_after,
                            count(*) filter (where (p.k0 + x) % p.kinds = 0) as moves_total
                       from generate_series(1, p.n_open) x) k;

create temp table state on commit drop as
select s.id, s.j, s.n, s.at, s.owner_id,
       st.stage,
       ds.pipeline_id,
       ds.default_probability,
       case when s.j = s.n then s.final_close
            else s.final_close - make_interval(days => 30 * s.pushes_after::int) end as close_date,
       case when s.j = s.n or s.final_amount is null then s.final_amount
            else round(s.final_amount / power((1 + (case when pg_temp.u(s.id, 206) < 0.5 then -1 else 1 end)
                                                  * (0.1 + 0.3 * pg_temp.u(s.id, 207)))::numeric, s.amounts_after::numeric), 2) end as amount,
       s.probability, s.probability_explicit, s.create_timestamp
  from step s
 cross join lateral (select case
     when s.j = s.n and s.n > 0 then s.final_stage::int
     when s.closed_final and s.n = 0 then s.final_stage::int
     -- open stages: moves go one stage up, or down for those ending in stage 1
     when s.last_open = 1 and s.moves_total > 0 then (s.last_open + s.moves_after)::int
     when s.last_open - s.moves_total < 1 then (s.last_open + s.moves_after)::int
     else (s.last_open - s.moves_after)::int end as stage) st
  join crm.deal_stage ds on ds.id = st.stage;

-- Data: the opportunity as a GET returns it at each step; stage_since: when the state's stage was
-- entered (its last stage move, else its creation).
create temp table snap on commit drop as
select s.id, s.j, s.n, s.at, s.stage, s.amount, s.close_date, s.owner_id,
       jsonb_build_object(
         'id', o.id, 'ownerID', o.owner_id, 'dealStageID', s.stage, 'pipelineID', s.pipeline_id,
         'accountID', o.account_id, 'campaignID', o.campaign_id, 'opportunityName', o.opportunity_name,
         'probability', case when o.probability_explicit or o.probability is null then o.probability
                             when s.j = s.n then o.probability else s.default_probability end,
         'probabilitySource', case when o.probability_explicit then 'manual' else 'stage' end,
         'amount', s.amount, 'currency', o.currency,
         'isClosed', s.stage in (6, 7), 'isWon', s.stage = 6, 'isActive', o.is_active,
         'closeDate', pg_temp.iso(s.close_date),
         'originatingLeadID', o.originating_lead_id, 'primaryLeadID', o.primary_lead_id,
         'createTimestamp', pg_temp.iso(o.create_timestamp),
         'updateTimestamp', pg_temp.iso(case when s.j = s.n then o.update_timestamp else s.at end),
         'stageChangeTimestamp', pg_temp.iso(case when s.j = s.n then o.stage_change_timestamp
                                                  else coalesce(s.stage_since, s.at) end))
       || cn.nulls || coalesce(o.custom_fields, '{}'::jsonb) as data
  from (select t.*, max(case when t.moved then t.at end) over (partition by t.id order by t.j) as stage_since
          from (select st.*, st.j = 0 or st.stage <> lag(st.stage) over (partition by st.id order by st.j) as moved
                  from state st) t) s
  join crm.opportunity o on o.id = s.id
 cross join custom_nulls cn;

-- The events, numbered in occurred_at order after the feed's head.
insert into crm.event (id, type, aggregate_type, aggregate_id, opportunity_id, owner_before, owner_after,
                       occurred_at, transaction_id, payload)
select :sequenced_before + row_number() over (order by e.at, e.id, e.j),
       e.type, 'opportunity', e.id, e.id,
       case when e.j > 0 then e.owner_id end, e.owner_id,
       e.at, e.tx,
       json_build_object(
         'type', e.type, 'occurredAt', pg_temp.iso(e.at), 'transactionID', e.tx,
         'actor', json_build_object('userID', null, 'keyId', 'benchadmin'),
         'resource', json_build_object('type', 'opportunity', 'id', e.id),
         'data', e.data, 'changes', e.changes,
         'specversion', '1.0', 'source', '/opportunities-service', 'subject', 'opportunity/' || e.id,
         'time', pg_temp.iso(e.at), 'datacontenttype', 'application/json')
  from (select c.id, c.j, c.at, c.owner_id, c.data, gen_random_uuid() as tx,
               case when c.j = 0 then 'opportunity.created' else 'opportunity.updated' end as type,
               case when c.j = 0 then null else (
                 select coalesce(jsonb_object_agg(k, jsonb_build_object('from', p.data -> k, 'to', c.data -> k)), '{}'::jsonb)
                   from unnest(array['dealStageID', 'pipelineID', 'probability', 'amount', 'isClosed', 'isWon',
                                     'closeDate', 'stageChangeTimestamp']) k
                  where k <> 'updateTimestamp' and (p.data -> k) is distinct from (c.data -> k)) end as changes
          from snap c
          left join snap p on p.id = c.id and p.j = c.j - 1) e
 order by 1;

select setval('crm.event_id_seq', m) from (select max(id) as m from crm.event) e where m is not null;

do $$
declare
  r record;
begin
  for r in select definition from saved_indexes order by name loop
    execute r.definition;
  end loop;
end $$;

delete from bench.dataset where key like 'history\_%';
insert into bench.dataset (key, value)
select 'history_for_loaded_at', value from bench.dataset where key = 'loaded_at'
union all select 'history_events', count(*)::text from crm.event
union all select 'history_max_event_id', max(id)::text from crm.event
union all select 'history_from', to_char(min(occurred_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') from crm.event
union all select 'history_loaded_at', to_char(t0 at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') from history_clock
union all select 'history_load_seconds_before_vacuum', round(extract(epoch from clock_timestamp() - started))::text from history_clock;

commit;

vacuum analyze crm.event;

select key, value from bench.dataset where key like 'history\_%' order by key;
select type, count(*) from crm.event group by type order by type;
