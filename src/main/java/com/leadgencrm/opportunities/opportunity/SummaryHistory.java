package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.InvalidInput;
import com.leadgencrm.opportunities.event.EventProperties;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The opportunities as they stood at a past moment, rebuilt from the change feed (SPEC §6): each
 * opportunity's last event at or before that moment holds it as a read answered then ({@code
 * data}); one whose last event is its deletion was gone. The result is a common table expression
 * named {@code opportunity}, with the table's columns, so that every condition of the list and
 * every statement of the summary read it as they read the table.
 *
 * <p>What the feed no longer holds (events older than its retention) cannot be rebuilt: a moment
 * before the retention horizon is refused. An opportunity created before the feed existed has no
 * events and is not in the past pipeline. Associations with leads ({@code leadID}) and the pipeline
 * of a stage are read as they are now.
 */
@Component
class SummaryHistory {

  /** The properties of a representation that are columns; the others are custom fields. */
  private static final List<String> STANDARD =
      List.of(
          "id",
          "ownerID",
          "dealStageID",
          "accountID",
          "campaignID",
          "opportunityName",
          "probability",
          "probabilitySource",
          "amount",
          "currency",
          "isClosed",
          "isWon",
          "isActive",
          "closeDate",
          "originatingLeadID",
          "primaryLeadID",
          "pipelineID",
          "createTimestamp",
          "updateTimestamp",
          "stageChangeTimestamp");

  private final EventProperties events;
  private final OpportunityProperties opportunities;
  private final Clock clock;

  SummaryHistory(EventProperties events, OpportunityProperties opportunities, Clock clock) {
    this.events = events;
    this.opportunities = opportunities;
    this.clock = clock;
  }

  /** The statement's prefix, and its parameters. */
  record AsOf(String with, Map<String, Object> params) {}

  /** The opportunities as of {@code asOf}; 400 naming {@code asOf} outside the feed's reach. */
  AsOf at(Instant asOf) {
    check("asOf", asOf);
    return new AsOf(
        "with " + snapshot("opportunity", "asOf") + " ",
        Map.of(
            "asOf",
            OffsetDateTime.ofInstant(asOf, ZoneOffset.UTC),
            "asOfCurrency",
            opportunities.defaultCurrency()));
  }

  /** 400 naming {@code parameter} for a moment in the future or beyond the feed's retention. */
  void check(String parameter, Instant moment) {
    Instant now = clock.instant();
    if (moment.isAfter(now)) {
      throw new InvalidInput(parameter, "must not be in the future");
    }
    if (moment.isBefore(now.minus(events.retention()))) {
      throw new InvalidInput(
          parameter,
          "must be within the last "
              + events.retention().toDays()
              + " days: the history of older changes is no longer kept");
    }
  }

  /** The default currency, for a representation recorded before opportunities had one. */
  String defaultCurrency() {
    return opportunities.defaultCurrency();
  }

  /**
   * A common table expression {@code name} holding the opportunities as of the moment bound to
   * {@code :moment} (and the default currency bound to {@code :asOfCurrency}).
   */
  static String snapshot(String name, String moment) {
    return name
        + " as (select"
        + " (d->>'id')::bigint as id,"
        + " (d->>'ownerID')::bigint as owner_id,"
        + " (d->>'dealStageID')::bigint as deal_stage_id,"
        // the pipeline of the stage as it is now, as the table keeps it (V70)
        + " (select s.pipeline_id from deal_stage s"
        + " where s.id = (d->>'dealStageID')::bigint) as pipeline_id,"
        + " (d->>'accountID')::bigint as account_id,"
        + " (d->>'campaignID')::bigint as campaign_id,"
        + " d->>'opportunityName' as opportunity_name,"
        + " (d->>'probability')::numeric as probability,"
        + " (d->>'amount')::numeric as amount,"
        + " coalesce(d->>'currency', cast(:asOfCurrency as text)) as currency,"
        + " (d->>'isClosed')::boolean as is_closed,"
        + " (d->>'isWon')::boolean as is_won,"
        + " (d->>'isActive')::boolean as is_active,"
        + " (d->>'closeDate')::timestamptz as close_date,"
        + " (d->>'originatingLeadID')::bigint as originating_lead_id,"
        + " (d->>'primaryLeadID')::bigint as primary_lead_id,"
        + " (d->>'createTimestamp')::timestamptz as create_timestamp,"
        + " (d->>'updateTimestamp')::timestamptz as update_timestamp,"
        + " jsonb_strip_nulls(d - array['"
        + String.join("', '", STANDARD)
        + "']) as custom_fields"
        + " from (select distinct on (aggregate_id) type, payload::jsonb -> 'data' as d"
        + " from event where aggregate_type = 'opportunity' and occurred_at <= :"
        + moment
        + " order by aggregate_id, id desc) last"
        + " where type not in ('opportunity.deleted', 'opportunity.purged'))";
  }
}
