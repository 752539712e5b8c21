-- (g) POST /opportunities/batch with 500 items: 500 rows inserted in one transaction (the service's
-- Hibernate batches become multi-row INSERTs with reWriteBatchedInserts). One transaction here =
-- one batch request of the service: compare req/s with tps, opportunities/s = tps * 500. Ids from
-- the benchmark's own sequence, as in create.sql.
\set owner random(2, 9500)
insert into opportunity (id, owner_id, deal_stage_id, opportunity_name, probability, probability_explicit, amount,
                         is_closed, is_won, is_active, close_date, custom_fields, version, create_timestamp,
                         update_timestamp)
select nextval('bench.pgbench_opportunity_id_seq'), :owner + g % 500, 1 + g % 5, 'pgbench batch ' || g || ' - Renewal',
       10 * (1 + g % 5), false, round((500 + g * 97.31)::numeric, 2), false, false, true,
       timestamptz '2025-01-01 00:00:00+00' + (g * 2) * interval '1 day', '{}', 0, now(), now()
  from generate_series(1, 500) as g;
