-- Benchmark data set of the opportunities service.
--
-- Loads STRAIGHT INTO PostgreSQL (plain SQL, generate_series; no HTTP, no service involved), into
-- the schema `crm` that the service's Flyway migrations created: run the service once against the
-- database first, then
--
--     psql -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres -d crm_bench -f bench/data/generate.sql
--
-- or, for another number of opportunities (bench/run.sh --size N; bench/scaling.sh), with
-- -v size=N (default 1000000; the figures below are for the default and scale with it, except
-- the 10,000 owners, the 500,000 lead ids and the 20 custom fields, which stay).
--
-- (bench/run.sh does both). Never point it at a database whose data matters: it empties
-- crm.opportunity and crm.opportunity_lead and deletes every custom field.
--
-- What it loads (deterministic: every "random" value is a hash of the row number, so two loads give
-- the same data apart from timestamps, which are relative to the time of the load):
--   * 1,000,000 opportunities, ids 1..1,000,000, across 10,000 owners: owner 1 has ~150,000 of
--     them (~108,000 open, at least a tenth of the size is asserted), owners 2..10000 share the rest with a
--     skew (low owner ids have more). Default pipeline: stages 1..5 open (72 %), 6 Closed Won
--     (13 %), 7 Closed Lost (15 %); isClosed/isWon follow the stage. probability null on ~1/3,
--     else the stage default or a value near it; amount null on ~1/5, else 2-decimal values from
--     500 to ~250,000; closeDate over 2025-01-01..2027-12-31 (70 % at 00:00 UTC); createTimestamp
--     over the last 2 years, updateTimestamp between it and the load time; isActive 95 % true;
--     accountID (85 %), campaignID (40 %), originatingLeadID (50 %), primaryLeadID (~48 %,
--     always one of the opportunity's associated leads).
--   * 2,000,000 opportunity-lead associations, ids 1..2,000,000: 0..4 per opportunity (2 on
--     average), lead ids 1..500,000, (opportunity_id, lead_id) unique.
--   * 20 custom opportunity fields (ids from the field sequence's next pooled-lo block, systemName
--     cf_*), of every data type; one fifth of the opportunities hold values (each field present
--     with probability 0.7) in crm.opportunity.custom_fields, in the service's stored forms.
--   * the partial range index the service creates for each integer/number/date/datetime field.
--   * bench.dataset: facts about the load that bench/run.sh reads (max generated ids, load time).
--
-- Speed: secondary indexes of crm.opportunity and crm.opportunity_lead (all but those backing
-- constraints) are dropped before the load and recreated from their saved definitions after it,
-- and the opportunity_lead foreign-key trigger is skipped during the insert (the rows reference
-- opportunities 1..1,000,000 by construction). Everything but the final VACUUM ANALYZE is one
-- transaction: a failure leaves the database as it was. Measured on the 2-core development machine:
-- 33-40 s (opportunities ~12 s, associations ~5 s, indexes ~21 s, VACUUM ANALYZE < 2 s).

\set ON_ERROR_STOP on
\timing on
\if :{?size}
\else
  \set size 1000000
\endif

set client_min_messages = warning;
set maintenance_work_mem = '1GB';
set max_parallel_maintenance_workers = 2;
set work_mem = '256MB';
set search_path = crm, public;

begin;

do $$
begin
  if to_regclass('crm.opportunity') is null then
    raise exception 'crm.opportunity does not exist: start the service once against this database so that Flyway creates the schema';
  end if;
end $$;

-- ---------------------------------------------------------------------------------------------
-- Deterministic uniform numbers in [0, 1): u(row, stream).
create function pg_temp.u(g bigint, s bigint) returns double precision
  language sql immutable parallel safe
  as $$ select ((hashint8extended(g, s) >> 11) & 9007199254740991)::double precision / 9007199254740992.0 $$;

-- Lead id of the j-th association of opportunity o (distinct for j = 0..4).
create function pg_temp.lead_of(o bigint, j bigint) returns bigint
  language sql immutable parallel safe
  as $$ select ((o * 7919 + j * 104729) % 500000) + 1 $$;

-- Number of associations of opportunity o: 0..4, 2 on average (exactly 2 per 5 consecutive ids).
create function pg_temp.lead_count(o bigint) returns int
  language sql immutable parallel safe
  as $$ select ((o * 3) % 5)::int $$;

create temp table load_clock on commit drop as
  select date_trunc('second', clock_timestamp()) as t0, clock_timestamp() as started;

-- the number of opportunities, readable inside DO blocks (psql variables are not)
create temp table load_params on commit drop as select (:'size')::bigint as size;

-- ---------------------------------------------------------------------------------------------
-- Idempotent: empty the opportunities (their associations go with them), drop every custom field
-- and the range indexes of opportunity custom fields.
truncate crm.opportunity cascade;
delete from crm.field where is_custom;

do $$
declare
  r record;
begin
  for r in select indexname from pg_indexes
            where schemaname = 'crm' and tablename = 'opportunity' and indexname ~ '^opportunity_cf_[0-9]+_idx$'
  loop
    execute format('drop index crm.%I', r.indexname);
  end loop;
end $$;

-- Save and drop the secondary indexes (not those of PRIMARY KEY / UNIQUE constraints).
create temp table saved_indexes on commit drop as
  select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
    from pg_index i
    join pg_class t on t.oid = i.indrelid
    join pg_namespace n on n.oid = t.relnamespace
   where n.nspname = 'crm'
     and t.relname in ('opportunity', 'opportunity_lead')
     and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid);

do $$
declare
  r record;
begin
  for r in select name from saved_indexes loop
    execute 'drop index ' || r.name;
  end loop;
end $$;

-- ---------------------------------------------------------------------------------------------
-- Custom fields: 20 ids from the next pooled-lo block of crm.field_id_seq (increment 50, so one
-- nextval hands out a block of 50 ids: 51..100 on a fresh database).
create temp table custom_field_def (n int, system_name text, label text, data_type text, data_length int)
  on commit drop;
insert into custom_field_def values
  ( 1, 'cf_region',           'Region',             'text',      20),
  ( 2, 'cf_seats',            'Seats',              'integer',   18),
  ( 3, 'cf_industry',         'Industry',           'text',      100),
  ( 4, 'cf_contract_months',  'Contract months',    'integer',   18),
  ( 5, 'cf_discount_pct',     'Discount %',         'number',    18),
  ( 6, 'cf_arr',              'ARR',                'number',    18),
  ( 7, 'cf_renewal',          'Renewal',            'boolean',   1),
  ( 8, 'cf_signed_date',      'Signed date',        'date',      10),
  ( 9, 'cf_next_step_at',     'Next step at',       'datetime',  255),
  (10, 'cf_competitor',       'Competitor',         'text',      100),
  (11, 'cf_lead_source',      'Lead source',        'text',      50),
  (12, 'cf_budget_confirmed', 'Budget confirmed',   'boolean',   1),
  (13, 'cf_decision_date',    'Decision date',      'date',      10),
  (14, 'cf_last_contact_at',  'Last contact at',    'datetime',  255),
  (15, 'cf_notes',            'Notes',              'textarea',  2000),
  (16, 'cf_partner_email',    'Partner email',      'email',     255),
  (17, 'cf_proposal_url',     'Proposal URL',       'url',       255),
  (18, 'cf_billing_phone',    'Billing phone',      'phone',     30),
  (19, 'cf_priority',         'Priority',           'integer',   18),
  (20, 'cf_margin',           'Margin',             'number',    18);

create temp table field_block on commit drop as select nextval('crm.field_id_seq') as first_id;

insert into crm.field (id, relationship, system_name, label, source, data_type, data_length, is_required,
                       is_custom, is_active, is_available_in_contact_manager, is_editable_in_contact_manager,
                       is_available_in_forms, version, create_timestamp, update_timestamp)
select base.first_id + d.n - 1, 'opportunity', d.system_name, d.label, 'benchmark', d.data_type, d.data_length,
       false, true, true, true, true, false, 0, c.t0, c.t0
  from custom_field_def d
 cross join load_clock c
 cross join field_block base;

-- ---------------------------------------------------------------------------------------------
-- :size opportunities (1,000,000 by default).
insert into crm.opportunity (id, owner_id, deal_stage_id, account_id, campaign_id, opportunity_name, probability,
                             probability_explicit, amount, is_closed, is_won, is_active, close_date,
                             originating_lead_id, primary_lead_id, version, create_timestamp, update_timestamp,
                             custom_fields)
select g,
       owner_id,
       stage,
       case when pg_temp.u(g, 10) < 0.85 then 1 + floor(pg_temp.u(g, 11) * 200000)::bigint end,
       case when pg_temp.u(g, 12) < 0.40 then 1 + floor(pg_temp.u(g, 13) * 500)::bigint end,
       name,
       probability,
       probability is not null and probability <> default_probability,
       case when pg_temp.u(g, 20) >= 0.20
            then round((500 + 249500 * power(pg_temp.u(g, 21), 3))::numeric, 2) end,
       stage in (6, 7),
       stage = 6,
       pg_temp.u(g, 22) < 0.95,
       case when pg_temp.u(g, 23) < 0.70
            then timestamptz '2025-01-01 00:00:00+00' + make_interval(days => floor(pg_temp.u(g, 24) * 1095)::int)
            else timestamptz '2025-01-01 00:00:00+00' + make_interval(secs => pg_temp.u(g, 24) * 1095 * 86400) end,
       case when pg_temp.u(g, 25) < 0.50 then
            case when pg_temp.u(g, 26) < 0.6 and pg_temp.lead_count(g) > 0 then pg_temp.lead_of(g, 0)
                 else 1 + floor(pg_temp.u(g, 27) * 500000)::bigint end end,
       case when pg_temp.lead_count(g) > 0 and pg_temp.u(g, 28) < 0.60 then pg_temp.lead_of(g, 0) end,
       floor(3 * pg_temp.u(g, 29))::bigint,
       created,
       created + (t0 - created) * pg_temp.u(g, 31),
       case when pg_temp.u(g, 40) < 0.20 then jsonb_strip_nulls(jsonb_build_object(
         'cf_region', case when pg_temp.u(g, 41) < 0.7
             then (array['EMEA', 'NA', 'APAC', 'LATAM'])[1 + floor(pg_temp.u(g, 61) * 4)::int] end,
         'cf_seats', case when pg_temp.u(g, 42) < 0.7
             then to_jsonb(1 + floor(power(pg_temp.u(g, 62), 2) * 5000)::bigint) end,
         'cf_industry', case when pg_temp.u(g, 43) < 0.7
             then (array['Software', 'Manufacturing', 'Retail', 'Healthcare', 'Finance', 'Education',
                         'Logistics', 'Energy', 'Media', 'Public Sector'])[1 + floor(pg_temp.u(g, 63) * 10)::int] end,
         'cf_contract_months', case when pg_temp.u(g, 44) < 0.7
             then to_jsonb((array[1, 3, 6, 12, 12, 12, 24, 24, 36, 48])[1 + floor(pg_temp.u(g, 64) * 10)::int]) end,
         'cf_discount_pct', case when pg_temp.u(g, 45) < 0.7
             then to_jsonb(round((pg_temp.u(g, 65) * 35)::numeric, 2)) end,
         'cf_arr', case when pg_temp.u(g, 46) < 0.7
             then to_jsonb(round((1000 + power(pg_temp.u(g, 66), 2) * 499000)::numeric, 2)) end,
         'cf_renewal', case when pg_temp.u(g, 47) < 0.7 then to_jsonb(pg_temp.u(g, 67) < 0.35) end,
         'cf_signed_date', case when pg_temp.u(g, 48) < 0.7
             then to_jsonb(to_char(date '2024-01-01' + floor(pg_temp.u(g, 68) * 1461)::int, 'YYYY-MM-DD')) end,
         'cf_next_step_at', case when pg_temp.u(g, 49) < 0.7
             then to_jsonb(to_char((t0 + make_interval(secs => (pg_temp.u(g, 69) - 0.2) * 90 * 86400)) at time zone 'UTC',
                                   'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')) end,
         'cf_competitor', case when pg_temp.u(g, 50) < 0.7
             then (array['None', 'Salesforce', 'HubSpot', 'Pipedrive', 'Zoho', 'In-house'])[1 + floor(pg_temp.u(g, 70) * 6)::int] end,
         'cf_lead_source', case when pg_temp.u(g, 51) < 0.7
             then (array['Web', 'Referral', 'Event', 'Outbound', 'Partner', 'Paid Search'])[1 + floor(pg_temp.u(g, 71) * 6)::int] end,
         'cf_budget_confirmed', case when pg_temp.u(g, 52) < 0.7 then to_jsonb(pg_temp.u(g, 72) < 0.5) end,
         'cf_decision_date', case when pg_temp.u(g, 53) < 0.7
             then to_jsonb(to_char(date '2025-01-01' + floor(pg_temp.u(g, 73) * 1095)::int, 'YYYY-MM-DD')) end,
         'cf_last_contact_at', case when pg_temp.u(g, 54) < 0.7
             then to_jsonb(to_char((t0 - make_interval(secs => pg_temp.u(g, 74) * 365 * 86400)) at time zone 'UTC',
                                   'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')) end,
         'cf_notes', case when pg_temp.u(g, 55) < 0.7
             then (array['Call back next week', 'Waiting for legal review', 'Champion left the company',
                         'Asked for a second demo', 'Budget approved for next quarter',
                         'Evaluating two vendors; price is the main concern'])[1 + floor(pg_temp.u(g, 75) * 6)::int] end,
         'cf_partner_email', case when pg_temp.u(g, 56) < 0.7
             then 'partner' || (1 + floor(pg_temp.u(g, 76) * 5000)::int) || '@example.com' end,
         'cf_proposal_url', case when pg_temp.u(g, 57) < 0.7
             then 'https://docs.example.com/proposals/' || g end,
         'cf_billing_phone', case when pg_temp.u(g, 58) < 0.7
             then '+1 (555) ' || lpad((floor(pg_temp.u(g, 78) * 10000000))::bigint::text, 7, '0') end,
         'cf_priority', case when pg_temp.u(g, 59) < 0.7 then to_jsonb(1 + floor(pg_temp.u(g, 79) * 5)::int) end,
         'cf_margin', case when pg_temp.u(g, 60) < 0.7
             then to_jsonb(round((pg_temp.u(g, 80) * 60 - 5)::numeric, 4)) end))
            else '{}'::jsonb end
  from (
    select g, t0,
           case when pg_temp.u(g, 1) < 0.15 then 1
                else 2 + floor(9999 * power(pg_temp.u(g, 2), 1.6))::bigint end as owner_id,
           stage,
           ds.default_probability,
           case when pg_temp.u(g, 4) < 1.0 / 3 then null
                when stage >= 6 or pg_temp.u(g, 5) < 0.5 then ds.default_probability
                else least(100, greatest(0, ds.default_probability + (5 * floor(pg_temp.u(g, 6) * 5 - 2))::numeric)) end
             as probability,
           case when pg_temp.u(g, 7) < 0.70 then
                  company || ' ' || lpad((1 + floor(pg_temp.u(g, 8) * 999999))::bigint::text, 6, '0') || ' - ' || kind
                when pg_temp.u(g, 7) < 0.90 then company || ' - ' || kind
                else 'Q' || (1 + floor(pg_temp.u(g, 8) * 4))::int || ' ' || (2025 + floor(pg_temp.u(g, 9) * 3))::int
                     || ' ' || kind || ' for ' || company end as name,
           t0 - make_interval(secs => pg_temp.u(g, 30) * 730 * 86400) as created
      from generate_series(1, (select size from load_params)) as g
     cross join load_clock
     cross join lateral (select case
                  when pg_temp.u(g, 3) < 0.22 then 1
                  when pg_temp.u(g, 3) < 0.38 then 2
                  when pg_temp.u(g, 3) < 0.51 then 3
                  when pg_temp.u(g, 3) < 0.62 then 4
                  when pg_temp.u(g, 3) < 0.72 then 5
                  when pg_temp.u(g, 3) < 0.85 then 6
                  else 7 end as stage) st
      join crm.deal_stage ds on ds.id = st.stage
     cross join lateral (select
         (array['Acme Corp', 'Globex', 'Initech', 'Umbrella Health', 'Stark Industries', 'Wayne Enterprises',
                'Hooli', 'Soylent', 'Vandelay Industries', 'Cyberdyne Systems', 'Tyrell Corp', 'Wonka Foods',
                'Massive Dynamic', 'Aperture Labs', 'Oscorp', 'Pied Piper', 'Dunder Mifflin', 'Gringotts',
                'Monsters Inc', 'Blue Sun', 'Nakatomi Trading', 'Sterling Cooper', 'Bluth Company',
                'Prestige Worldwide', 'Los Pollos Hermanos', 'Krusty Krab', 'Wernham Hogg', 'Virtucon',
                'Ollivanders', 'Zorg Industries'])[1 + floor(pg_temp.u(g, 14) * 30)::int] as company,
         (array['Renewal', 'New Business', 'Upsell', 'Expansion', 'Cross-sell', 'Pilot',
                'Professional Services', 'Support Upgrade'])[1 + floor(pg_temp.u(g, 15) * 8)::int] as kind) nm
  ) s;

-- ---------------------------------------------------------------------------------------------
-- 2,000,000 opportunity-lead associations (the foreign-key trigger is skipped: ids are valid by
-- construction; the unique (opportunity_id, lead_id) constraint is still checked).
set local session_replication_role = replica;
insert into crm.opportunity_lead (id, opportunity_id, lead_id, create_timestamp, update_timestamp)
select row_number() over (order by o.id, j), o.id, pg_temp.lead_of(o.id, j), ts, ts
  from crm.opportunity o
 cross join load_clock c
 cross join lateral generate_series(0, pg_temp.lead_count(o.id) - 1) as j
 cross join lateral (select o.create_timestamp + (c.t0 - o.create_timestamp) * (pg_temp.u(o.id * 8 + j, 90) * 0.1) as ts) t
 order by o.id, j;
set local session_replication_role = origin;

-- ---------------------------------------------------------------------------------------------
-- Sequences: pooled-lo (increment 50) hands out blocks starting at 1, 51, 101, ...: the next
-- value is the highest id rounded up to a multiple of 50, plus 1.
select setval('crm.opportunity_id_seq', ((max(id) + 49) / 50) * 50 + 1, false) from crm.opportunity;
select setval('crm.field_id_seq', ((max(id) + 49) / 50) * 50 + 1, false) from crm.field;
select setval('crm.opportunity_lead_id_seq', max(id), true) from crm.opportunity_lead;

-- ---------------------------------------------------------------------------------------------
-- Recreate the secondary indexes, then the range index of every integer/number/date/datetime
-- custom field, exactly as the service creates it when such a field is created.
do $$
declare
  r record;
begin
  for r in select definition from saved_indexes order by name loop
    execute r.definition;
  end loop;
  for r in select id, system_name, data_type from crm.field
            where relationship = 'opportunity' and is_custom
              and data_type in ('integer', 'number', 'date', 'datetime')
            order by id
  loop
    execute format(
      'create index opportunity_cf_%s_idx on crm.opportunity (%s, id) where jsonb_exists(custom_fields, %L)',
      r.id,
      case when r.data_type in ('integer', 'number')
           then format('((custom_fields ->> %L)::numeric)', r.system_name)
           else format('(custom_fields ->> %L)', r.system_name) end,
      r.system_name);
  end loop;
end $$;

-- ---------------------------------------------------------------------------------------------
-- Checks, and the facts bench/run.sh reads.
do $$
declare
  size bigint := (select size from load_params);
  opportunities bigint;
  owner1_open bigint;
  associations bigint;
  expected_associations bigint;
begin
  select count(*) into opportunities from crm.opportunity;
  select count(*) into owner1_open from crm.opportunity where owner_id = 1 and not is_closed;
  select count(*) into associations from crm.opportunity_lead;
  -- 0+3+1+4+2 = 10 associations per 5 consecutive ids
  select 10 * (size / 5) + coalesce(sum(pg_temp.lead_count(g)), 0) into expected_associations
    from generate_series(size - size % 5 + 1, size) g;
  -- owner 1 holds enough open opportunities for a deep page: page 1,000 at limit 100 on a million
  if opportunities <> size or associations <> expected_associations or owner1_open < size / 10 then
    raise exception 'unexpected data set: % opportunities, % associations, % open of owner 1',
      opportunities, associations, owner1_open;
  end if;
end $$;

create schema if not exists bench;
create table if not exists bench.dataset (key text primary key, value text not null);
truncate bench.dataset;
insert into bench.dataset (key, value)
select 'loaded_at', to_char(t0 at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') from load_clock
union all select 'size', (select size from load_params)::text
union all select 'max_opportunity_id', max(id)::text from crm.opportunity
union all select 'max_opportunity_lead_id', max(id)::text from crm.opportunity_lead
union all select 'max_update_timestamp', to_char(max(update_timestamp) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') from crm.opportunity
union all select 'owner1_open', count(*)::text from crm.opportunity where owner_id = 1 and not is_closed
union all select 'load_seconds_before_vacuum', round(extract(epoch from clock_timestamp() - started))::text from load_clock;

commit;

vacuum analyze crm.opportunity;
vacuum analyze crm.opportunity_lead;
vacuum analyze crm.field;

select key, value from bench.dataset order by key;
