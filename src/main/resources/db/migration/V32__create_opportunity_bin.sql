-- The recycle bin: a deleted opportunity and its lead associations, kept whole for CRM_RECYCLE_DAYS
-- (30 unless set) and then purged. They leave the opportunity tables, so that every read, list and
-- wire query (and their indexes) stays as it was; the rows are kept as JSON of the table's row
-- type, which a restore turns back into the same rows (same ids).
create table opportunity_bin (
    id            bigint      primary key check (id between 1 and 999999999999999999),
    owner_id      bigint      not null,
    deal_stage_id bigint      not null,
    deleted_at    timestamptz not null,
    deleted_by    bigint,
    opportunity   jsonb       not null,
    leads         jsonb       not null default '[]'
);

-- GET /opportunities/deleted (owner scope) pages by id; the purge looks for the oldest
create index opportunity_bin_owner_idx on opportunity_bin (owner_id, id);
create index opportunity_bin_deleted_idx on opportunity_bin (deleted_at, id);
