-- Currency of an opportunity's amount (ISO 4217). The amount keeps exactly as many fraction digits
-- as its currency has minor units (USD 2, JPY 0, KWD 3): the service checks it, and so does the
-- database. Existing opportunities take CRM_DEFAULT_CURRENCY (a Flyway placeholder, USD unless set).

-- Minor units of the ISO 4217 currencies (those of the JDK's list: java.util.Currency); every other
-- code has 2. Immutable, so that a CHECK can use it.
create function currency_minor_units(code text) returns integer
    language sql immutable parallel safe
    as $$ select case
        when code in ('ADP', 'BEF', 'BIF', 'BYB', 'BYR', 'CLP', 'DJF', 'ESP', 'GNF', 'GRD', 'ISK',
                      'ITL', 'JPY', 'KMF', 'KRW', 'LUF', 'MGF', 'PTE', 'PYG', 'ROL', 'RWF', 'TPE',
                      'TRL', 'UGX', 'UYI', 'VND', 'VUV', 'XAF', 'XOF', 'XPF') then 0
        when code in ('BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND') then 3
        when code in ('CLF') then 4
        else 2
    end $$;

alter table opportunity add column currency varchar(3) not null default '${defaultCurrency}'
    constraint opportunity_currency_code check (currency ~ '^[A-Z]{3}$');

-- From numeric(18, 2) to a numeric that keeps the scale it is given (no table rewrite: only the
-- type modifier goes), bounded as before: at most 16 integer digits.
alter table opportunity alter column amount type numeric;
alter table opportunity add constraint opportunity_amount_range check (amount < 1e16);
alter table opportunity add constraint opportunity_amount_minor_units
    check (scale(amount) <= currency_minor_units(currency));

-- filter currency= and sort=currency page with a keyset on (currency, id)
create index opportunity_currency_idx on opportunity (currency, id);
