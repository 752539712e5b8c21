-- (q) GET /opportunities/summary?closeDateFrom=2026-01-01&closeDateTo=2026-12-31&groupBy=closeMonth:
-- a year of close dates by month.
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
  from (select currency, to_char(close_date at time zone 'UTC', 'YYYY-MM') as k0, amount, probability,
               is_closed, is_won
          from opportunity
         where close_date >= '2026-01-01T00:00:00Z' and close_date <= '2026-12-31T00:00:00Z') o
 group by currency, k0
 order by k0 asc nulls last, currency;
