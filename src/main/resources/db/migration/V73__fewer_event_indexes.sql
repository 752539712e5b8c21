-- Every event row is written by the transaction of its change, so each index of event is work for
-- every write. Two of them go:
--  * occurred_at: retention walks the primary key a chunk at a time (EventRetention) and the
--    purged opportunities' events are found by type;
--  * owner_before for every event: most events keep their owner (an update that does not move the
--    opportunity, or a creation, which has no owner before). The owner scope of the feed finds an
--    owner's events by owner_after, and only the others (a deletion, a change of owner) by
--    owner_before: only those are indexed by it now.
drop index event_occurred_at;
drop index event_owner_before_id;
create index event_owner_before_id on event (owner_before, id)
  where owner_before is not null and owner_before is distinct from owner_after;
