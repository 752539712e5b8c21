-- The highest event id taken so far, perhaps by a transaction still committing, in one place: the
-- feed's head (V80) answers it once the writers taking ids have ended, and the webhook dispatcher's
-- lease compares endpoints' positions with it, in the same statement, to find those that may have
-- news without waiting for anyone. Never a bound to read up to: that is event_feed_head().
create function event_feed_taken() returns bigint language sql as $$
  select case when is_called then last_value else last_value - 1 end
    from ${flyway:defaultSchema}.event_id_seq
$$;

create or replace function event_feed_head() returns bigint language sql as $$
  select pg_advisory_xact_lock(hashtext('${flyway:defaultSchema}.event_feed'));
  select ${flyway:defaultSchema}.event_feed_taken();
$$;
