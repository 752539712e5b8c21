-- (q) GET /opportunities/summary?closeDateFrom=2026-01-01&closeDateTo=2026-12-31&groupBy=closeMonth:
-- a year of close dates by month.
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
  from (select currency, to_char(close_date at time zone 'UTC', 'YYYY-MM') as k0, amount, probability,
               is_closed, is_won
          from opportunity
         where close_date >= '2026-01-01T00:00:00Z' and close_date <= '2026-12-31T00:00:00Z') o
 group by grouping sets ((currency, k0), (currency))
 order by total, k0 asc nulls last, currency;
