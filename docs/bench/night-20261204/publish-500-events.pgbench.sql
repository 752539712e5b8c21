\set base random(1, 1000000000)
begin;
insert into scratch_event (id, type, aggregate_type, aggregate_id, opportunity_id, owner_before, owner_after, occurred_at, transaction_id, payload)
select :base::bigint * 1000 + g, 'opportunity.created', 'opportunity', g, g, null, g % 10000, now(), gen_random_uuid(), cast(sp.p as json)
  from generate_series(1, 500) g, scratch_payload sp;
rollback;
