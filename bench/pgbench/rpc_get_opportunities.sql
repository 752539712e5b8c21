-- (i) Wire protocol getOpportunities {where: {ownerID}, limit: 100}: equality filter, first 100 by
-- id, the query the service runs for it.
\set owner random(2, 10000)
select id, owner_id, deal_stage_id, account_id, campaign_id, opportunity_name, probability, amount,
       is_closed, is_won, is_active, close_date, originating_lead_id, primary_lead_id, create_timestamp,
       update_timestamp, custom_fields
  from opportunity where owner_id = :owner
 order by id limit 100;
