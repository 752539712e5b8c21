-- Opportunity-lead associations: one per (opportunity, lead); they go with their opportunity.
-- written with plain SQL (INSERT ... ON CONFLICT), one id at a time
create sequence opportunity_lead_id_seq start with 1 increment by 1 maxvalue 999999999999999999;

create table opportunity_lead (
    id               bigint      primary key check (id between 1 and 999999999999999999),
    opportunity_id   bigint      not null references opportunity (id) on delete cascade,
    lead_id          bigint      not null check (lead_id between 1 and 999999999999999999),
    create_timestamp timestamptz not null default now(),
    update_timestamp timestamptz not null default now(),
    constraint opportunity_lead_pair_key unique (opportunity_id, lead_id)
);

-- "opportunities of a lead" and "associations of a lead"
create index opportunity_lead_lead_idx on opportunity_lead (lead_id, opportunity_id);
create index opportunity_lead_created_idx on opportunity_lead (create_timestamp, id);
