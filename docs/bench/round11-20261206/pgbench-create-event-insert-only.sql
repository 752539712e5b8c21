\set owner random(2, 10000)
\set stage random(1, 5)
\set amount random(50000, 25000000)
\set days random(0, 1094)
begin;
insert into opportunity (id, owner_id, deal_stage_id, opportunity_name, probability, probability_explicit, amount,
                         is_closed, is_won, is_active, close_date, custom_fields, version, create_timestamp,
                         update_timestamp)
values (nextval('bench.pgbench_opportunity_id_seq'), :owner, :stage, 'pgbench ' || :owner || ' - New Business', :stage * 10,
        false, round(:amount / 100.0, 2), false, false, true, timestamptz '2025-01-01 00:00:00+00' + :days * interval '1 day',
        '{}', 0, now(), now());
with position as (select nextval('bench.ev_seq') as value),
published as (
  insert into event (id, type, aggregate_type, aggregate_id, opportunity_id, owner_before, owner_after, occurred_at, transaction_id, payload)
  select position.value - 1 + e.n, e.type, e.aggregate_type, e.aggregate_id, e.opportunity_id, e.owner_before, e.owner_after, e.occurred_at,
         gen_random_uuid(), cast(e.payload as json)
    from position,
         unnest(array['opportunity.created'], array['opportunity'], array[currval('bench.pgbench_opportunity_id_seq')+100000000], array[currval('bench.pgbench_opportunity_id_seq')+100000000], cast(array[null] as bigint[]), array[:owner::bigint], array[now()], array[(select p from bench.ev_payload)])
           with ordinality as e(type, aggregate_type, aggregate_id, opportunity_id, owner_before, owner_after, occurred_at, payload, n))
select value from position;
commit;
