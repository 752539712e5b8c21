-- Every event row is written by the transaction of its change, so each index entry of an event is
-- work for every write. An opportunity's own events are found by opportunity_id (event_opportunity_id:
-- its history, and the feed's resourceType=opportunity&resourceID=, EventFeed), so the index by
-- aggregate no longer holds them too: one entry less for every opportunity event, most of what
-- writes add. The other resources (associations, deal stages, pipelines, fields) keep theirs.
drop index event_aggregate_id;
create index event_aggregate_id on event (aggregate_type, aggregate_id, id)
  where aggregate_type <> 'opportunity';
