-- Every instance of the service caches the API keys it has verified and the field catalog's
-- version (V8), and learns of changes through notifications on the channel crm_cache, which it
-- LISTENs to on a connection of its own. Triggers, so that changes made through any instance, or by
-- hand, are announced. PostgreSQL sends a notification when its transaction commits, never for one
-- that rolls back. Payloads: 'key:<key_id>' (changed or deleted), 'keys' (all of them: a truncate),
-- 'fields:<version>' (the field catalog's new version).
create function api_key_changed() returns trigger language plpgsql as $$
begin
    if tg_op = 'TRUNCATE' then
        perform pg_notify('crm_cache', 'keys');
        return null;
    end if;
    perform pg_notify('crm_cache', 'key:' || old.key_id);
    if tg_op = 'UPDATE' and new.key_id <> old.key_id then
        perform pg_notify('crm_cache', 'key:' || new.key_id);
    end if;
    return null;
end
$$;

create trigger api_key_changed
    after update or delete on api_key
    for each row execute function api_key_changed();

create trigger api_key_truncated
    after truncate on api_key
    for each statement execute function api_key_changed();

create function field_catalog_announced() returns trigger language plpgsql as $$
begin
    perform pg_notify('crm_cache', 'fields:' || new.version);
    return null;
end
$$;

create trigger field_catalog_announced
    after update on field_catalog
    for each row execute function field_catalog_announced();
