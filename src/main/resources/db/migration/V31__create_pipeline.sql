-- Pipelines: the sales processes (new business, renewals...), each with its own deal stages. A new
-- database has one, the default, holding the stages that exist.
create sequence pipeline_id_seq start with 1 increment by 50 maxvalue 999999999999999999;

create table pipeline (
    id               bigint       primary key check (id between 1 and 999999999999999999),
    name             varchar(255) not null check (length(btrim(name)) between 1 and 255),
    is_default       boolean      not null default false,
    weight           bigint       not null check (weight between 0 and 999999999999999999),
    version          bigint       not null default 0,
    create_timestamp timestamptz  not null default now(),
    update_timestamp timestamptz  not null default now()
);

-- names are unique whatever their letter case; one default at most
create unique index pipeline_name_key on pipeline (lower(name));
create unique index pipeline_default_key on pipeline (is_default) where is_default;
create index pipeline_order_idx on pipeline (weight, id);
create index pipeline_name_idx on pipeline (name, id);
create index pipeline_created_idx on pipeline (create_timestamp, id);
create index pipeline_updated_idx on pipeline (update_timestamp, id);

insert into pipeline (id, name, is_default, weight) values (1, 'Sales', true, 1);
-- the seed used id 1: hand the block 1..50 over to it (pooled-lo allocation)
select nextval('pipeline_id_seq');

-- Every stage belongs to one pipeline; a pipeline with stages cannot be deleted.
alter table deal_stage add column pipeline_id bigint not null default 1 references pipeline (id);
alter table deal_stage alter column pipeline_id drop default;

-- Stage names are unique within their pipeline, whatever their letter case.
drop index deal_stage_name_key;
create unique index deal_stage_name_key on deal_stage (pipeline_id, lower(deal_stage_name));
-- the stages of a pipeline in pipeline order (and "is the pipeline in use")
create index deal_stage_pipeline_member_idx on deal_stage (pipeline_id, weight, id);
