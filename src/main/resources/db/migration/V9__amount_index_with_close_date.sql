-- "Closing this month, biggest first" (a closeDate range sorted by amount) walks the amount index
-- from its top. With close_date in the index, the range is checked on the index entries, and only
-- the rows that match are read: 0.9 ms instead of 45 ms for a page on a million rows, where one
-- opportunity in 28 closes in the month. (Building it blocks opportunity writes: about 5 s per
-- million opportunities.)
drop index opportunity_amount_idx;
create index opportunity_amount_idx on opportunity ((coalesce(amount, -1)), id, close_date);
