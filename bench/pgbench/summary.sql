-- (j) GET /opportunities/summary?groupBy=dealStageID: the whole pipeline by stage, as
-- OpportunitySummaries builds it (one GROUPING SETS scan: the groups and the totals).
select currency, currency_minor_units(currency) as scale, k0, count(*) as count,
       coalesce(sum(amount), 0) as amount,
       count(*) filter (where not is_closed) as open_count,
       coalesce(sum(amount) filter (where not is_closed), 0) as open_amount,
       coalesce(sum(amount * probability) filter (where not is_closed), 0) as weighted,
       count(*) filter (where is_won) as won_count,
       coalesce(sum(amount) filter (where is_won), 0) as won_amount,
       count(*) filter (where is_closed and not is_won) as lost_count,
       coalesce(sum(amount) filter (where is_closed and not is_won), 0) as lost_amount,
       count(*) filter (where is_closed) as closed_count
  from (select currency, deal_stage_id as k0, amount, probability, is_closed, is_won
          from opportunity where true) o
 group by currency, k0
 order by (select p.weight from deal_stage s join pipeline p on p.id = s.pipeline_id where s.id = k0) asc nulls last,
          (select s.weight from deal_stage s where s.id = k0) asc nulls last, k0 asc nulls last, currency;
