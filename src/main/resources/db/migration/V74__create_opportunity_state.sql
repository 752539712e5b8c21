-- The opportunities' past states, projected from their events (OpportunityStates), so that the
-- summary asOf, the waterfall and the stage flow (SPEC §7) read typed rows instead of parsing every
-- event's JSON on each request. One row per opportunity event: the opportunity as it stood from that
-- event (valid_from, its occurredAt) until the next one (valid_to; null for the latest state), the
-- properties the list's conditions and the summary name, and what the stage flow needs (the stage
-- before the event, and when each stage was entered). Custom fields stay in the event's payload
-- (joined by event_id when a request names one): they would make the table several times larger.
--
-- Derived data: written by the projection after the event commits, never by a write's own
-- transaction (a write pays nothing for it), and brought up to date by a request before it reads.
-- Deleting an event (the history's retention) deletes its state.
create table opportunity_state (
    event_id             bigint      primary key references event (id) on delete cascade,
    opportunity_id       bigint      not null,
    valid_from           timestamptz not null,
    valid_to             timestamptz,
    -- false from a deletion or purge on (until a restore)
    present              boolean     not null,
    owner_id             bigint,
    deal_stage_id        bigint,
    account_id           bigint,
    campaign_id          bigint,
    opportunity_name     text,
    probability          numeric,
    amount               numeric,
    currency             text,
    is_closed            boolean,
    is_won               boolean,
    is_active            boolean,
    close_date           timestamptz,
    originating_lead_id  bigint,
    primary_lead_id      bigint,
    create_timestamp     timestamptz,
    update_timestamp     timestamptz,
    -- when the stage of this state was entered; and the stage, flags and entry of the state before
    stage_since          timestamptz not null,
    prev_stage           bigint,
    prev_closed          boolean,
    prev_won             boolean,
    prev_stage_since     timestamptz,
    -- the event moved the opportunity: into a stage (or created it in one), or won or lost it
    moved                boolean     not null
);

-- an opportunity's states: the projection finds the latest one to close it when the next event
-- comes; the waterfall looks up what an opportunity was at a moment (from the index alone)
create index opportunity_state_opportunity on opportunity_state (opportunity_id, valid_from)
    include (valid_to, present, is_closed, is_won);
-- the stage flow reads the moves of a period; the waterfall the open states closing in a period.
-- Both cover what their statements read without a list filter (an index-only scan: the company's
-- whole pipeline, the common case, reads no table page; deal_stage_id for the join to a stage's
-- pipeline, which PostgreSQL drops when nothing reads it but still counts as a column the scan
-- needs); a filter reads the rows they point to
create index opportunity_state_moves on opportunity_state (valid_from)
    include (deal_stage_id, prev_stage, is_closed, is_won, prev_closed, prev_won, prev_stage_since)
    where present and moved;
create index opportunity_state_open_closing on opportunity_state (close_date)
    include (opportunity_id, valid_from, valid_to, currency, amount, deal_stage_id)
    where present and not is_closed;

-- The last event projected (events become visible in id order: PendingEvents numbers them as they
-- commit). One row.
create table opportunity_state_position (
    value  bigint  not null check (value >= 0)
);
insert into opportunity_state_position (value) values (0);
