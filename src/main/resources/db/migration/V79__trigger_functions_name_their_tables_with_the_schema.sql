-- Three trigger functions of earlier migrations named their tables without the schema, so a change
-- made by hand from a session whose search path does not hold it (psql, `insert into
-- crm.opportunity ...`) failed with "relation ... does not exist": a field changed (V8), an
-- opportunity inserted or moved to another stage (V70), a stage moved to another pipeline (V70).
-- The same functions again, naming their tables with the schema as V76's do; the triggers keep
-- calling them.
create or replace function field_catalog_changed() returns trigger language plpgsql as $$
begin
    update ${flyway:defaultSchema}.field_catalog set version = version + 1;
    return null;
end
$$;

create or replace function opportunity_pipeline_of_stage() returns trigger language plpgsql as $$
begin
  new.pipeline_id :=
    (select s.pipeline_id from ${flyway:defaultSchema}.deal_stage s where s.id = new.deal_stage_id);
  return new;
end
$$;

create or replace function deal_stage_pipeline_to_opportunities() returns trigger
  language plpgsql as $$
begin
  update ${flyway:defaultSchema}.opportunity set pipeline_id = new.pipeline_id
   where deal_stage_id = new.id;
  return null;
end
$$;
