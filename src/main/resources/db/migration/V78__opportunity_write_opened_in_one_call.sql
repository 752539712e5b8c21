-- A write of opportunities opened with three statements, each a round trip: the table lock that
-- orders it with field changes (a change that converts or removes stored values locks the table
-- exclusively), the field catalog's version read after that lock, and the deal stage the write
-- names. One call now (OpportunityFields.forWrite). The stage's columns are null when the write
-- names none, or one that does not exist.
--
-- The function names the tables with their schema: it runs in the writer's session, whose search
-- path need not hold them.
create function opportunity_write_opened(stage bigint)
  returns table (catalog_version bigint, stage_id bigint, stage_default_probability numeric)
  language plpgsql as $$
begin
  lock table ${flyway:defaultSchema}.opportunity in row exclusive mode;
  return query
    select c.version, s.id, s.default_probability
      from ${flyway:defaultSchema}.field_catalog c
      left join ${flyway:defaultSchema}.deal_stage s on s.id = stage;
end
$$;
