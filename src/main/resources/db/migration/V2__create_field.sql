-- Field metadata: the standard (system) fields and the custom fields of opportunities and leads.
create sequence field_id_seq start with 1 increment by 50 maxvalue 999999999999999999;

create table field (
    id                              bigint       primary key check (id between 1 and 999999999999999999),
    relationship                    varchar(255) not null check (relationship in ('opportunity', 'lead')),
    system_name                     varchar(255) not null check (system_name ~ '^[A-Za-z][A-Za-z0-9_]{0,254}$'),
    label                           varchar(255) not null check (length(btrim(label)) between 1 and 255),
    source                          varchar(255),
    data_type                       varchar(255) not null check (data_type in
        ('text', 'textarea', 'integer', 'number', 'boolean', 'date', 'datetime', 'email', 'url', 'phone')),
    data_length                     integer      not null check (data_length between 0 and 65535),
    is_required                     boolean      not null,
    is_custom                       boolean      not null,
    is_active                       boolean      not null,
    is_available_in_contact_manager boolean      not null,
    is_editable_in_contact_manager  boolean      not null,
    is_available_in_forms           boolean      not null,
    version                         bigint       not null default 0,
    create_timestamp                timestamptz  not null default now(),
    update_timestamp                timestamptz  not null default now(),
    -- text-like fields need a positive maximum length
    check (data_length > 0 or data_type not in ('text', 'textarea', 'email', 'url', 'phone'))
);

-- A systemName is a JSON key of the objects it belongs to: unique, whatever the letter case.
create unique index field_system_name_key on field (lower(system_name));
create index field_relationship_idx on field (relationship, id);
create index field_label_idx on field (label, id);
create index field_created_idx on field (create_timestamp, id);
create index field_updated_idx on field (update_timestamp, id);

-- The standard opportunity fields of the published schema, as read-only system fields.
insert into field (id, relationship, system_name, label, source, data_type, data_length, is_required, is_custom,
                   is_active, is_available_in_contact_manager, is_editable_in_contact_manager, is_available_in_forms)
values
    (1,  'opportunity', 'id',                'ID',                 'system', 'integer',  18,  false, false, true, true, false, false),
    (2,  'opportunity', 'ownerID',           'Owner',              'system', 'integer',  18,  true,  false, true, true, true,  false),
    (3,  'opportunity', 'dealStageID',       'Deal Stage',         'system', 'integer',  18,  true,  false, true, true, true,  false),
    (4,  'opportunity', 'accountID',         'Account',            'system', 'integer',  18,  false, false, true, true, true,  false),
    (5,  'opportunity', 'campaignID',        'Campaign',           'system', 'integer',  18,  false, false, true, true, true,  false),
    (6,  'opportunity', 'opportunityName',   'Opportunity Name',   'system', 'text',     255, true,  false, true, true, true,  false),
    (7,  'opportunity', 'probability',       'Probability',        'system', 'number',   18,  false, false, true, true, true,  false),
    (8,  'opportunity', 'amount',            'Amount',             'system', 'number',   18,  false, false, true, true, true,  false),
    (9,  'opportunity', 'isClosed',          'Closed',             'system', 'boolean',  1,   false, false, true, true, true,  false),
    (10, 'opportunity', 'isWon',             'Won',                'system', 'boolean',  1,   false, false, true, true, true,  false),
    (11, 'opportunity', 'isActive',          'Active',             'system', 'boolean',  1,   false, false, true, true, true,  false),
    (12, 'opportunity', 'closeDate',         'Close Date',         'system', 'datetime', 255, true,  false, true, true, true,  false),
    (13, 'opportunity', 'originatingLeadID', 'Originating Lead',   'system', 'integer',  18,  false, false, true, true, true,  false),
    (14, 'opportunity', 'primaryLeadID',     'Primary Lead',       'system', 'integer',  18,  false, false, true, true, true,  false);

select nextval('field_id_seq');
