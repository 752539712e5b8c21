-- (b) GET /opportunities?ownerID=1&isClosed=false&limit=100: first page, as ListQuery builds it.
select id, owner_id, deal_stage_id, account_id, campaign_id, opportunity_name, probability, amount,
       is_closed, is_won, is_active, close_date, originating_lead_id, primary_lead_id, create_timestamp,
       update_timestamp, custom_fields, id as sort_key
  from opportunity where owner_id in (:owner) and is_closed = :closed
 order by id asc, id asc limit 101;
