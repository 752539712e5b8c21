-- Deal stages: the ordered steps of the sales pipeline.
create sequence deal_stage_id_seq start with 1 increment by 50 maxvalue 999999999999999999;

create table deal_stage (
    id                  bigint       primary key check (id between 1 and 999999999999999999),
    deal_stage_name     varchar(255) not null check (length(btrim(deal_stage_name)) between 1 and 255),
    description         varchar(255),
    default_probability numeric(5, 2) check (default_probability between 0 and 100),
    weight              bigint       not null check (weight between 0 and 999999999999999999),
    is_editable         boolean      not null default true,
    version             bigint       not null default 0,
    create_timestamp    timestamptz  not null default now(),
    update_timestamp    timestamptz  not null default now()
);

-- Names are unique whatever their letter case.
create unique index deal_stage_name_key on deal_stage (lower(deal_stage_name));
-- Pipeline order, and the keyset of the default list.
create index deal_stage_pipeline_idx on deal_stage (weight, id);
create index deal_stage_name_idx on deal_stage (deal_stage_name, id);
create index deal_stage_created_idx on deal_stage (create_timestamp, id);
create index deal_stage_updated_idx on deal_stage (update_timestamp, id);

-- A usable default pipeline. The two closing stages are locked (isEditable=false).
insert into deal_stage (id, deal_stage_name, description, default_probability, weight, is_editable) values
    (1, 'Prospecting',    'A possible deal has been identified',            10,  1, true),
    (2, 'Qualification',  'Budget, authority, need and timing are checked', 20,  2, true),
    (3, 'Needs Analysis', 'The buyer''s requirements are understood',       40,  3, true),
    (4, 'Proposal',       'A proposal or quote has been sent',              60,  4, true),
    (5, 'Negotiation',    'Terms are being negotiated',                     80,  5, true),
    (6, 'Closed Won',     'The deal was won',                               100, 6, false),
    (7, 'Closed Lost',    'The deal was lost',                              0,   7, false);

-- The seeds used ids 1..7: hand the block 1..50 over to them (pooled-lo allocation).
select nextval('deal_stage_id_seq');
