-- Event ids come from a sequence, taken as their transaction commits, instead of from the
-- 'sequenced' row of event_feed_position. That row was locked from the statement that moved it to
-- the end of the commit, so transactions with events committed one at a time, each flushing the
-- log alone while every other writer waited: at 16 connections a create with its event served 35%
-- fewer requests than without (BENCHMARKS.md, eleventh round). Writers now commit side by side.
--
-- What keeps the feed gap-free instead: a reader serves events up to the feed's head only, and the
-- head is an id that no transaction still in flight can be below.
-- - A writer takes its ids in its last statement, holding the shared advisory lock of the feed
--   (event_feed_writing()) until it has committed or rolled back. Writers share it: none waits for
--   another.
-- - event_feed_head() takes that lock exclusively, which waits for the writers holding it (they are
--   committing) and keeps new ones from taking ids meanwhile, and answers the highest id taken:
--   every id up to it is then committed and visible to the next snapshot, or rolled back (a hole,
--   which nobody waits for). Called on its own (outside a transaction), it releases the lock as it
--   returns; inside one it would hold writers back until that transaction ends.
-- - A transaction open for a minute has taken no id (it takes them as it commits): the head passes
--   it by, as before.
create sequence event_id_seq as bigint;

select setval('event_id_seq', greatest(value, 1), value > 0)
  from event_feed_position
 where name = 'sequenced';

delete from event_feed_position where name = 'sequenced';

create function event_feed_writing() returns void language sql as $$
  select pg_advisory_xact_lock_shared(hashtext('${flyway:defaultSchema}.event_feed'))
$$;

create function event_feed_head() returns bigint language sql as $$
  select pg_advisory_xact_lock(hashtext('${flyway:defaultSchema}.event_feed'));
  select case when is_called then last_value else last_value - 1 end
    from ${flyway:defaultSchema}.event_id_seq;
$$;
