-- Events: one per committed change of an opportunity, association, deal stage, pipeline or field.
--
-- A write path records its events in event_pending, in its own transaction (no event without its
-- change, no change without its event). The sequencer (EventSequencer) moves committed pending
-- events into event, numbering them in the order it finds them committed: ids are handed out by
-- one transaction at a time, so a reader never sees an id unless it also sees every smaller one,
-- and an event committed late (a long batch) gets a later id instead of a hole behind the readers.

create table event_pending (
    seq             bigint generated always as identity primary key,
    type            varchar(40)  not null,
    aggregate_type  varchar(40)  not null,
    aggregate_id    bigint       not null,
    -- the opportunity an opportunity or association event belongs to (its history)
    opportunity_id  bigint,
    -- the owner of that opportunity before and after the change (owner scope of the feed)
    owner_before    bigint,
    owner_after     bigint,
    occurred_at     timestamptz  not null,
    transaction_id  uuid         not null,
    -- the event as served, without its id (json, not jsonb: kept byte for byte, as signed)
    payload         json         not null
);

-- The feed: insert-only (until retention deletes), so Debezium's outbox event router can stream it
-- (event.id = id, event.key = aggregate_id, route.by.field = aggregate_type, payload = payload).
create table event (
    id              bigint       primary key,
    type            varchar(40)  not null,
    aggregate_type  varchar(40)  not null,
    aggregate_id    bigint       not null,
    opportunity_id  bigint,
    owner_before    bigint,
    owner_after     bigint,
    occurred_at     timestamptz  not null,
    transaction_id  uuid         not null,
    payload         json         not null,
    constraint event_type_names_its_resource
        check (type in (aggregate_type || '.created', aggregate_type || '.updated',
                        aggregate_type || '.deleted', aggregate_type || '.restored',
                        aggregate_type || '.purged'))
);

-- the feed's filters, each ending in id so a page is an index range
create index event_type_id on event (type, id);
create index event_aggregate_id on event (aggregate_type, aggregate_id, id);
-- history of one opportunity, and the owner scope of salespeople
create index event_opportunity_id on event (opportunity_id, id) where opportunity_id is not null;
create index event_owner_before_id on event (owner_before, id) where owner_before is not null;
create index event_owner_after_id on event (owner_after, id) where owner_after is not null;
-- deal stages, pipelines and fields: seen by every caller
create index event_unscoped_id on event (id) where opportunity_id is null;
-- retention finds the events older than its horizon
create index event_occurred_at on event (occurred_at);

-- Two positions of the feed, one row each (so the sequencer and retention never wait on each other):
-- 'sequenced': the highest id handed out; its row lock serializes the sequencers of all instances.
-- 'start': ids at or below it are gone from the feed (retention): a cursor behind it is 410.
create table event_feed_position (
    name   varchar(20) primary key check (name in ('sequenced', 'start')),
    value  bigint      not null check (value >= 0)
);
insert into event_feed_position (name, value) values ('sequenced', 0), ('start', 0);
