-- The first answer to each Idempotency-Key, per API key, kept 24 hours: a retry gets it again.
create table idempotency_record (
    api_key_id      varchar(100) not null,
    idempotency_key varchar(255) not null,
    -- SHA-256 of the request (method, path, query, body): the same key with another request is 422
    request_hash    varchar(64)  not null,
    status          integer      not null check (status between 100 and 599),
    headers         jsonb        not null,
    body            bytea        not null,
    created_at      timestamptz  not null default now(),
    primary key (api_key_id, idempotency_key)
);

create index idempotency_record_created_idx on idempotency_record (created_at);
