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
update event_feed_position set value = value + 1 where name = 'sequenced' returning value;
commit;
