-- When an opportunity entered its current deal stage (read-only stageChangeTimestamp).
-- Existing rows: when they entered their stage is not known; their creation is the best lower bound
-- we have (an opportunity never changed since is exactly right).
alter table opportunity add column stage_change_timestamp timestamptz;
update opportunity set stage_change_timestamp = create_timestamp;
alter table opportunity alter column stage_change_timestamp set not null;
-- rows inserted without it (plain SQL writes) entered their stage when they were written
alter table opportunity alter column stage_change_timestamp set default now();
