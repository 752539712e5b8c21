-- Every event row is written by the transaction of its change, so each index entry of an event is
-- work for every write. An opportunity's own events are found by opportunity_id (event_opportunity_id:
-- its history, and the feed's resourceType=opportunity&resourceID=, EventFeed), so the index by
-- aggregate (event_aggregate_id) gives way to one of the other resources' events alone
-- (associations, deal stages, pipelines, fields): one entry less for every opportunity event, most
-- of what writes add.
--
-- Built CONCURRENTLY (so Flyway runs this migration outside a transaction): the feed holds millions
-- of events, and a plain build would hold up every write (each one inserts events) until it ends.
-- The new index comes first, so the feed is never without one. Should the build fail half-way, the
-- index it left INVALID is dropped first when the migration runs again.
drop index concurrently if exists event_other_aggregate_id;
create index concurrently event_other_aggregate_id on event (aggregate_type, aggregate_id, id)
  where aggregate_type <> 'opportunity';
drop index concurrently if exists event_aggregate_id;
