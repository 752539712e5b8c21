-- Custom opportunity fields of type text, email, url, phone or integer can be unique: external keys
-- (PUT /opportunities/by/{systemName}/{value}). Each has a unique expression index over its values,
-- created (and dropped) with the flag: opportunity_unique_<field id>.
alter table field add column is_unique boolean not null default false;
alter table field add constraint field_unique_kind check (not is_unique
    or (is_custom and relationship = 'opportunity'
        and data_type in ('text', 'email', 'url', 'phone', 'integer')));
