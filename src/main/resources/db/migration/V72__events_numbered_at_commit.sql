-- Events are now written to the feed by the transaction of their change, numbered as it commits
-- (PendingEvents): the queue event_pending and its sequencer go. What an earlier version left pending
-- (committed, not numbered yet) is numbered here, in the order the sequencer would have given.
with position as (select value from event_feed_position where name = 'sequenced' for update),
moved as (delete from event_pending returning *)
insert into event (id, type, aggregate_type, aggregate_id, opportunity_id, owner_before,
                   owner_after, occurred_at, transaction_id, payload)
select position.value + row_number() over (order by moved.seq), moved.type, moved.aggregate_type,
       moved.aggregate_id, moved.opportunity_id, moved.owner_before, moved.owner_after,
       moved.occurred_at, moved.transaction_id, moved.payload
  from moved, position;

update event_feed_position
   set value = greatest(value, (select coalesce(max(id), 0) from event))
 where name = 'sequenced';

drop table event_pending;
