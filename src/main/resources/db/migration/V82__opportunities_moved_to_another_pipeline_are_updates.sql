-- A stage moved to another pipeline takes its opportunities along (V70, V79): their pipelineID
-- changes, and with it what a GET answers. They now also take a new version, so their ETag changes
-- (a client revalidating its copy gets the new one, not 304 Not Modified), and an update time, so
-- that an incremental sync (updateTimestampFrom) finds them; the service records each one's
-- opportunity.updated event in the stage change's transaction (StageUsage.followPipeline).
create or replace function deal_stage_pipeline_to_opportunities() returns trigger
  language plpgsql as $$
begin
  update ${flyway:defaultSchema}.opportunity o
     set pipeline_id = new.pipeline_id,
         version = o.version + 1,
         update_timestamp = clock.at
    from (select date_trunc('microseconds', clock_timestamp()) as at) clock
   where o.deal_stage_id = new.id;
  return null;
end
$$;
