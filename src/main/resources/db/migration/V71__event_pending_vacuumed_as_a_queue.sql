-- event_pending is a queue: every row is inserted by a write and deleted by the sequencer moments
-- later. With the default thresholds (20% of a table that is nearly always empty) autovacuum would
-- wait for tens of thousands of dead rows, which every look at the queue has to step over; vacuum
-- it after a few thousand, without the cost-based pauses (the table is small).
alter table event_pending set (
  autovacuum_vacuum_scale_factor = 0,
  autovacuum_vacuum_threshold = 2000,
  autovacuum_vacuum_insert_scale_factor = 0,
  autovacuum_vacuum_insert_threshold = 2000,
  autovacuum_vacuum_cost_delay = 0);
