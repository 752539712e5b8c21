\set owner random(2, 10000)
\set opp random(1, 1000000)
begin;
with position as (update scratch_pos set value = value + 1 where name = 'sequenced' returning value),
published as (insert into scratch_event (id, type, aggregate_type, aggregate_id, opportunity_id, owner_before, owner_after, occurred_at, transaction_id, payload)
  select position.value, 'opportunity.created', 'opportunity', :opp, :opp, null, :owner, now(), gen_random_uuid(), cast(sp.p as json) from position, scratch_payload sp)
select value from position;
commit;
