-- API keys: a public key id and a secret, of which only a SHA-256 hash is kept. Each belongs to a
-- user (the ownerID space) and has one of the six CRM roles.
create sequence api_key_seq start with 1 increment by 1;

create table api_key (
    seq                   bigint       primary key default nextval('api_key_seq'),
    key_id                varchar(64)  not null unique check (key_id ~ '^[A-Za-z0-9_-]{1,64}$'),
    secret_hash           varchar(64)  not null check (secret_hash ~ '^[0-9a-f]{64}$'),
    user_id               bigint       not null check (user_id between 1 and 999999999999999999),
    role                  varchar(32)  not null check (role in ('ADMINISTRATOR', 'COMPANY_MANAGER',
        'MARKETING_MANAGER', 'SALES_MANAGER', 'SALESPERSON', 'JR_SALESPERSON')),
    name                  varchar(255),
    rate_limit_per_second integer      check (rate_limit_per_second between 1 and 1000000),
    revoked_timestamp     timestamptz,
    create_timestamp      timestamptz  not null default now(),
    update_timestamp      timestamptz  not null default now()
);

-- Bucket4j's token buckets, one per API key: the rate limit holds across instances.
create table rate_limit_bucket (
    id         varchar(64) primary key,
    state      bytea,
    expires_at bigint
);
