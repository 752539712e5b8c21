-- (e) Incremental sync: GET /opportunities?updateTimestampFrom=<T>&sort=updateTimestamp&limit=100.
-- Variables (pgbench -D): sync_from.
select id, owner_id, deal_stage_id, account_id, campaign_id, opportunity_name, probability, amount,
       is_closed, is_won, is_active, close_date, originating_lead_id, primary_lead_id, create_timestamp,
       update_timestamp, custom_fields, update_timestamp as sort_key
  from opportunity where update_timestamp >= :sync_from
 order by update_timestamp asc, id asc limit 101;
