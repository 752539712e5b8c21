package com.leadgencrm.opportunities.opportunity;

/**
 * The stage flow's statement. Each opportunity event within [{@code :flowFrom}, {@code :flowTo}] is
 * read as the state it left the opportunity in ({@link OpportunityStates}: the stage after it and
 * before it, and since when the opportunity was in the stage before), selected by the list's
 * condition applied to that state (the rows are named {@code opportunity}, with the table's
 * columns), and counted per stage. A deletion or purge is no move.
 */
final class StageFlowStatement {

  private StageFlowStatement() {}

  static String of(String condition) {
    return "with "
        + SummaryHistory.states(
            "opportunity",
            ", st.valid_from as occurred_at, st.deal_stage_id as stage, st.prev_stage,"
                + " coalesce(st.is_closed, false) as closed, coalesce(st.is_won, false) as won,"
                + " st.prev_closed, st.prev_won, st.prev_stage_since as prev_since",
            "st.present and st.valid_from >= :flowFrom and st.valid_from <= :flowTo")
        // only what the counts read: custom fields are not read unless the condition names one
        + ", m as (select stage, prev_stage, closed, won, prev_closed, prev_won, occurred_at,"
        + " prev_since from opportunity where "
        + condition
        + ")"
        // entered: created in a stage, or moved into it
        + " select 'entered' as kind, stage, null::bigint as other, count(*) as count,"
        + " null::numeric as median, null::numeric as p90 from m"
        + " where prev_stage is null or prev_stage <> stage group by stage"
        + " union all select 'moved', prev_stage, stage, count(*), null, null from m"
        + " where prev_stage <> stage group by prev_stage, stage"
        + " union all select 'won', coalesce(prev_stage, stage), null, count(*), null, null from m"
        + " where won and not coalesce(prev_won, false) group by coalesce(prev_stage, stage)"
        + " union all select 'lost', coalesce(prev_stage, stage), null, count(*), null, null"
        + " from m where closed and not won"
        + " and not coalesce(prev_closed and not prev_won, false)"
        + " group by coalesce(prev_stage, stage)"
        + " union all select 'days', prev_stage, null, count(*),"
        + " round(percentile_cont(0.5) within group (order by days)::numeric, 2),"
        + " round(percentile_cont(0.9) within group (order by days)::numeric, 2)"
        + " from (select prev_stage, extract(epoch from occurred_at - prev_since) / 86400 as days"
        + " from m where prev_stage <> stage) left_stage group by prev_stage";
  }
}
