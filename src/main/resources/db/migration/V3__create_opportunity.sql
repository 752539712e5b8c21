-- Opportunities: deals with an expected value, in a stage of the pipeline.
-- Trigram search backs the case-insensitive name search (q).
create extension if not exists pg_trgm with schema public;

create sequence opportunity_id_seq start with 1 increment by 50 maxvalue 999999999999999999;

create table opportunity (
    id                   bigint       primary key check (id between 1 and 999999999999999999),
    owner_id             bigint       not null check (owner_id between 1 and 999999999999999999),
    deal_stage_id        bigint       not null references deal_stage (id),
    account_id           bigint       check (account_id between 1 and 999999999999999999),
    campaign_id          bigint       check (campaign_id between 1 and 999999999999999999),
    opportunity_name     varchar(255) not null check (length(btrim(opportunity_name)) between 1 and 255),
    probability          numeric(5, 2) check (probability between 0 and 100),
    -- false: the probability is the stage's default and follows the opportunity to other stages
    probability_explicit boolean      not null default false,
    amount               numeric(18, 2) check (amount >= 0),
    is_closed            boolean      not null default false,
    is_won               boolean      not null default false,
    is_active            boolean      not null default true,
    close_date           timestamptz  not null,
    originating_lead_id  bigint       check (originating_lead_id between 1 and 999999999999999999),
    primary_lead_id      bigint       check (primary_lead_id between 1 and 999999999999999999),
    version              bigint       not null default 0,
    create_timestamp     timestamptz  not null default now(),
    update_timestamp     timestamptz  not null default now(),
    -- a won deal is closed
    constraint opportunity_won_is_closed check (is_closed or not is_won)
);

-- Every filter and sort of GET /opportunities pages with a keyset on (sort expression, id), so each
-- has an index that ends in id. The boolean flags are not selective enough to deserve their own:
-- they filter rows read through these.
create index opportunity_owner_idx          on opportunity (owner_id, is_closed, id);
create index opportunity_stage_idx          on opportunity (deal_stage_id, id);
create index opportunity_account_idx        on opportunity (account_id, id);
create index opportunity_campaign_idx       on opportunity (campaign_id, id);
create index opportunity_originating_idx    on opportunity (originating_lead_id, id);
create index opportunity_primary_lead_idx   on opportunity (primary_lead_id, id);
create index opportunity_name_idx           on opportunity (opportunity_name, id);
-- unset amounts and probabilities sort first (as -1): a plain row comparison then pages them
create index opportunity_amount_idx         on opportunity ((coalesce(amount, -1)), id);
create index opportunity_probability_idx    on opportunity ((coalesce(probability, -1)), id);
create index opportunity_close_date_idx     on opportunity (close_date, id);
create index opportunity_created_idx        on opportunity (create_timestamp, id);
create index opportunity_updated_idx        on opportunity (update_timestamp, id);
create index opportunity_name_search_idx    on opportunity using gin (opportunity_name public.gin_trgm_ops);
