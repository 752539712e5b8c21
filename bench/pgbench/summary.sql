-- (j) GET /opportunities/summary?groupBy=dealStageID: the whole pipeline by stage, as
-- OpportunitySummaries builds it (one GROUPING SETS scan: the groups and the totals).
select currency, k0, grouping(k0) as total, count(*) as count,
       round(coalesce(sum(amount), 0), currency_minor_units(currency)) as amount,
       count(*) filter (where not is_closed) as open_count,
       round(coalesce(sum(amount) filter (where not is_closed), 0), currency_minor_units(currency)) as open_amount,
       round(coalesce(sum(amount * probability) filter (where not is_closed), 0) / 100, currency_minor_units(currency)) as weighted_amount,
       count(*) filter (where is_won) as won_count,
       round(coalesce(sum(amount) filter (where is_won), 0), currency_minor_units(currency)) as won_amount,
       count(*) filter (where is_closed and not is_won) as lost_count,
       round(coalesce(sum(amount) filter (where is_closed and not is_won), 0), currency_minor_units(currency)) as lost_amount,
       round(count(*) filter (where is_won)::numeric / nullif(count(*) filter (where is_closed), 0), 4) as win_rate
  from (select currency, deal_stage_id as k0, amount, probability, is_closed, is_won
          from opportunity where true) o
 group by grouping sets ((currency, k0), (currency))
 order by total,
          (select p.weight from deal_stage s join pipeline p on p.id = s.pipeline_id where s.id = k0) asc nulls last,
          (select s.weight from deal_stage s where s.id = k0) asc nulls last, k0 asc nulls last, currency;
