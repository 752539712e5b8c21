package com.leadgencrm.opportunities.opportunity;

/**
 * The stage flow's statement. Each opportunity event within [{@code :flowFrom}, {@code :flowTo}] is
 * read as the state it left the opportunity in ({@link OpportunityStates}: the stage after it and
 * before it, and since when the opportunity was in the stage before), selected by the list's
 * condition applied to that state (the rows are named {@code opportunity}, with the table's
 * columns). Only events that move an opportunity count (it entered a stage, was won or was lost:
 * not a change of amount or close date; the projection marks them {@code moved}, and an index holds
 * them by moment); they are counted once per pair of stages, and the counts per stage are read off
 * those few groups. A deletion or purge is no move.
 */
final class StageFlowStatement {

  private StageFlowStatement() {}

  private static final String ENTERED = "(prev_stage is null or prev_stage <> stage)";
  private static final String WON = "(won and not coalesce(prev_won, false))";
  private static final String LOST =
      "(closed and not won and not coalesce(prev_closed and not prev_won, false))";

  static String of(String condition) {
    return "with "
        + SummaryHistory.states(
            "opportunity",
            ", st.valid_from as occurred_at, st.deal_stage_id as stage, st.prev_stage,"
                + " coalesce(st.is_closed, false) as closed, coalesce(st.is_won, false) as won,"
                + " st.prev_closed, st.prev_won, st.prev_stage_since as prev_since",
            "st.present and st.moved and st.valid_from >= :flowFrom and st.valid_from <= :flowTo")
        // the moves, with only what the counts read (custom fields are not read unless the
        // condition names one)
        + ", m as materialized (select stage, prev_stage, "
        + ENTERED
        + " as entered, "
        + WON
        + " as won_now, "
        + LOST
        + " as lost_now, extract(epoch from occurred_at - prev_since) / 86400 as days"
        + " from opportunity where "
        + condition
        + ")"
        + ", pairs as (select prev_stage, stage, count(*) filter (where entered) as entered,"
        + " count(*) filter (where won_now) as won, count(*) filter (where lost_now) as lost"
        + " from m group by prev_stage, stage)"
        // entered: created in a stage, or moved into it
        + " select 'entered' as kind, stage, null::bigint as other, sum(entered)::bigint as count,"
        + " null::numeric as median, null::numeric as p90 from pairs"
        + " where entered > 0 group by stage"
        + " union all select 'moved', prev_stage, stage, entered, null, null from pairs"
        + " where prev_stage <> stage"
        + " union all select 'won', coalesce(prev_stage, stage), null, sum(won)::bigint, null, null"
        + " from pairs where won > 0 group by coalesce(prev_stage, stage)"
        + " union all select 'lost', coalesce(prev_stage, stage), null, sum(lost)::bigint, null,"
        + " null from pairs where lost > 0 group by coalesce(prev_stage, stage)"
        // the days spent in the stage left
        + " union all select 'days', prev_stage, null, count(*),"
        + " round(percentile_cont(0.5) within group (order by days)::numeric, 2),"
        + " round(percentile_cont(0.9) within group (order by days)::numeric, 2)"
        + " from m where prev_stage <> stage group by prev_stage";
  }
}
