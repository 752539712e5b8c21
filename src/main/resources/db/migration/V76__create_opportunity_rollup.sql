-- The figures of the whole pipeline, kept as opportunities are written: what the summary of every
-- opportunity by pipeline, deal stage, isClosed or isWon reads instead of a scan of every row (1M
-- opportunities: 330-480 ms for the scan on 2 cores; BENCHMARKS.md, seventh round).
--
-- Each row is a delta: how many opportunities of one pipeline, stage, currency and outcome a write
-- added or took away, with their amounts and amount x probability. A write's statement appends its
-- deltas (a statement-level trigger over its transition tables): it never updates a shared row, so
-- concurrent writers neither wait for each other nor deadlock, and a rolled-back write's deltas go
-- with it. OpportunityRollup folds the deltas into one row per group every few seconds, in one
-- transaction: a reader sees either the deltas or their sum, and the sum of a group's rows is
-- always its figures. A group whose rows add up to no opportunity has none.
create table opportunity_rollup (
    -- a key of its own: a publication for all tables (Debezium's default) refuses deletes from a
    -- table without one, and the fold deletes
    id            bigint     generated always as identity primary key,
    pipeline_id   bigint     not null,
    deal_stage_id bigint     not null,
    currency      varchar(3) not null,
    is_closed     boolean    not null,
    is_won        boolean    not null,
    count         bigint     not null,
    -- sum of the amounts, a missing one as 0
    amount        numeric    not null,
    -- sum of amount x probability (in percent), either missing as 0
    weighted      numeric    not null
);

-- The functions name the table with its schema: they run in the writer's session, whose search path
-- need not hold it (a psql session deleting from crm.opportunity).

-- the opportunities a statement inserted (counted in) or deleted (counted out)
create function opportunity_rollup_counted() returns trigger language plpgsql as $$
declare
  direction integer := case tg_op when 'DELETE' then -1 else 1 end;
begin
  insert into ${flyway:defaultSchema}.opportunity_rollup
         (pipeline_id, deal_stage_id, currency, is_closed, is_won, count, amount, weighted)
  select pipeline_id, deal_stage_id, currency, is_closed, is_won,
         direction * count(*), direction * coalesce(sum(amount), 0),
         direction * coalesce(sum(amount * probability), 0)
    from counted
   group by pipeline_id, deal_stage_id, currency, is_closed, is_won;
  return null;
end
$$;

-- an update that changes none of the figures (a name, a date, a custom field) appends nothing
create function opportunity_rollup_updated() returns trigger language plpgsql as $$
begin
  insert into ${flyway:defaultSchema}.opportunity_rollup
         (pipeline_id, deal_stage_id, currency, is_closed, is_won, count, amount, weighted)
  select pipeline_id, deal_stage_id, currency, is_closed, is_won,
         sum(count), sum(amount), sum(weighted)
    from (select pipeline_id, deal_stage_id, currency, is_closed, is_won,
                 1 as count, coalesce(amount, 0) as amount, coalesce(amount * probability, 0) as weighted
            from updated
          union all
          select pipeline_id, deal_stage_id, currency, is_closed, is_won,
                 -1, -coalesce(amount, 0), -coalesce(amount * probability, 0)
            from previous) change
   group by pipeline_id, deal_stage_id, currency, is_closed, is_won
  having sum(count) <> 0 or sum(amount) <> 0 or sum(weighted) <> 0;
  return null;
end
$$;

create function opportunity_rollup_truncated() returns trigger language plpgsql as $$
begin
  delete from ${flyway:defaultSchema}.opportunity_rollup;
  return null;
end
$$;

-- (PostgreSQL allows transition tables only on triggers of one event each)
create trigger opportunity_rollup_inserted after insert on opportunity
  referencing new table as counted
  for each statement execute function opportunity_rollup_counted();

create trigger opportunity_rollup_deleted after delete on opportunity
  referencing old table as counted
  for each statement execute function opportunity_rollup_counted();

create trigger opportunity_rollup_updated after update on opportunity
  referencing old table as previous new table as updated
  for each statement execute function opportunity_rollup_updated();

create trigger opportunity_rollup_truncated after truncate on opportunity
  for each statement execute function opportunity_rollup_truncated();

-- the opportunities there are: creating the triggers locked out writes until this commits
insert into opportunity_rollup (pipeline_id, deal_stage_id, currency, is_closed, is_won, count, amount, weighted)
select pipeline_id, deal_stage_id, currency, is_closed, is_won,
       count(*), coalesce(sum(amount), 0), coalesce(sum(amount * probability), 0)
  from opportunity
 group by pipeline_id, deal_stage_id, currency, is_closed, is_won;
