package com.leadgencrm.opportunities.opportunity;

/**
 * The stage flow's statement. Every opportunity event up to {@code :to}, in order per opportunity,
 * gives the stage after it and before it (and since when the opportunity was in that stage); the
 * events within [{@code :from}, {@code :to}] are then selected by the list's condition, applied to
 * the opportunity as it was right after each event (the rows are named {@code opportunity}, with
 * the table's columns), and counted per stage.
 */
final class StageFlowStatement {

  private StageFlowStatement() {}

  static String of(String condition) {
    return "with h as (select aggregate_id, id as event_id, type, occurred_at,"
        + " payload::jsonb -> 'data' as d from event"
        + " where aggregate_type = 'opportunity' and occurred_at <= :flowTo),"
        + " s as (select h.*, (d->>'dealStageID')::bigint as stage,"
        + " coalesce((d->>'isClosed')::boolean, false) as closed,"
        + " coalesce((d->>'isWon')::boolean, false) as won,"
        + " lag((d->>'dealStageID')::bigint) over w as prev_stage,"
        + " lag(coalesce((d->>'isClosed')::boolean, false)) over w as prev_closed,"
        + " lag(coalesce((d->>'isWon')::boolean, false)) over w as prev_won"
        + " from h window w as (partition by aggregate_id order by event_id)),"
        + " g as (select s.*, sum(case when prev_stage is null or prev_stage <> stage then 1"
        + " else 0 end) over (partition by aggregate_id order by event_id) as stint from s),"
        + " t as (select g.*, min(occurred_at) over (partition by aggregate_id, stint) as since"
        + " from g),"
        + " u as (select t.*, lag(since) over (partition by aggregate_id order by event_id)"
        + " as prev_since from t),"
        + " opportunity as (select aggregate_id as id,"
        + " (d->>'ownerID')::bigint as owner_id, stage as deal_stage_id,"
        + " (d->>'accountID')::bigint as account_id, (d->>'campaignID')::bigint as campaign_id,"
        + " d->>'opportunityName' as opportunity_name,"
        + " (d->>'probability')::numeric as probability, (d->>'amount')::numeric as amount,"
        + " coalesce(d->>'currency', cast(:asOfCurrency as text)) as currency,"
        + " closed as is_closed, won as is_won, (d->>'isActive')::boolean as is_active,"
        + " (d->>'closeDate')::timestamptz as close_date,"
        + " (d->>'originatingLeadID')::bigint as originating_lead_id,"
        + " (d->>'primaryLeadID')::bigint as primary_lead_id,"
        + " (d->>'createTimestamp')::timestamptz as create_timestamp,"
        + " (d->>'updateTimestamp')::timestamptz as update_timestamp,"
        + " d - array['id'] as custom_fields,"
        + " type, occurred_at, stage, prev_stage, closed, won, prev_closed, prev_won, prev_since"
        + " from u where type not in ('opportunity.deleted', 'opportunity.purged')),"
        + " m as (select * from opportunity where "
        + condition
        + " and occurred_at >= :flowFrom and occurred_at <= :flowTo)"
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
