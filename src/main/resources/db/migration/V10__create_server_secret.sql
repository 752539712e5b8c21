-- Secrets every instance of the service shares, such as the key that signs list cursors. Each is
-- generated once, by whichever instance needs it first (insert ... on conflict do nothing, then
-- read), and never leaves the database and the instances' memory.
create table server_secret (
    name             varchar(64)  primary key check (name ~ '^[a-z][a-z0-9_]{0,63}$'),
    secret           bytea        not null check (octet_length(secret) >= 32),
    create_timestamp timestamptz  not null default now()
);
