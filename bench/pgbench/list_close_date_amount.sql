-- (d) GET /opportunities?closeDateFrom=2026-03-01&closeDateTo=2026-03-31&sort=amount,desc&limit=100
-- (a date bound means 00:00 UTC; unset amounts sort as -1).
-- Variables (pgbench -D): close_from, close_to.
select id, owner_id, deal_stage_id, account_id, campaign_id, opportunity_name, probability, amount,
       is_closed, is_won, is_active, close_date, originating_lead_id, primary_lead_id, create_timestamp,
       update_timestamp, custom_fields, coalesce(amount, -1) as sort_key
  from opportunity where close_date >= :close_from and close_date <= :close_to
 order by coalesce(amount, -1) desc, id desc limit 101;
