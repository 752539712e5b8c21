-- (a) GET /opportunities/{id}: the row by primary key (Hibernate's findById selects every column).
-- Variables (pgbench -D): max_id.
\set id random(1, :max_id)
select id, account_id, amount, campaign_id, close_date, create_timestamp, custom_fields, deal_stage_id, is_active,
       is_closed, is_won, opportunity_name, originating_lead_id, owner_id, primary_lead_id, probability,
       probability_explicit, update_timestamp, version
  from opportunity where id = :id;
