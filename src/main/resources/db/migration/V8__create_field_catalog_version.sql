-- A counter of changes to field definitions. Every instance of the service caches the custom
-- field definitions; each request reads this counter in the statement that checks its API key, so
-- an instance notices a field created, changed or deleted through any other instance (or by hand)
-- on the very next request, without a query of its own.
create table field_catalog (
    id      boolean primary key default true check (id),
    version bigint  not null
);
insert into field_catalog (id, version) values (true, 1);

create function field_catalog_changed() returns trigger language plpgsql as $$
begin
    update field_catalog set version = version + 1;
    return null;
end
$$;

create trigger field_catalog_changed
    after insert or update or delete or truncate on field
    for each statement execute function field_catalog_changed();
