-- Values of custom opportunity fields, keyed by the field's systemName (which never changes, so a
-- label change leaves them alone). Equality filters use the GIN index; range filters on number and
-- date fields use a partial expression index per field, created with the field.
alter table opportunity add column custom_fields jsonb not null default '{}'
    constraint opportunity_custom_fields_object check (jsonb_typeof(custom_fields) = 'object');

create index opportunity_custom_fields_idx on opportunity using gin (custom_fields jsonb_path_ops);
