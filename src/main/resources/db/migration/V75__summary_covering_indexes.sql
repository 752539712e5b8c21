-- The pipeline summary reads five columns of every opportunity it sums (currency, amount,
-- probability, is_closed, is_won) and its key. The indexes by deal stage and by close date carry
-- them, so that the summary of the whole pipeline by stage and of a range of close dates (by month
-- or quarter) are index-only scans of about 60 MB per million opportunities instead of scans of the
-- whole table (about 280 MB): BENCHMARKS.md, sixth round. The indexes keep their keys and names:
-- lists filtered by stage or by close date use them as before.
drop index opportunity_stage_idx;
create index opportunity_stage_idx on opportunity (deal_stage_id, id)
  include (currency, amount, probability, is_closed, is_won);
drop index opportunity_close_date_idx;
create index opportunity_close_date_idx on opportunity (close_date, id)
  include (currency, amount, probability, is_closed, is_won);
