package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.InvalidInput;
import com.leadgencrm.opportunities.core.RecordShape;
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
 * data}); one whose last event is its deletion was gone. The events are read as their projection
 * into typed states ({@link OpportunityStates}), brought up to date before each read. The result is
 * a common table expression named {@code opportunity}, with the table's columns, so that every
 * condition of the list and every statement of the summary read it as they read the table.
 *
 * <p>What the feed no longer holds (events older than its retention) cannot be rebuilt: a moment
 * before the retention horizon is refused. An opportunity created before the feed existed has no
 * events and is not in the past pipeline. Associations with leads ({@code leadID}) and the pipeline
 * of a stage are read as they are now.
 */
@Component
class SummaryHistory {

  /**
   * The properties of a representation that are columns (the components of {@link OpportunityView}
   * but its custom-field map); the others are custom fields.
   */
  private static final List<String> STANDARD =
      RecordShape.of(OpportunityView.class).components().stream()
          .map(RecordShape.Component::name)
          .filter(name -> !name.equals("custom"))
          .toList();

  private final EventProperties events;
  private final OpportunityProperties opportunities;
  private final Clock clock;
  private final OpportunityStates states;

  SummaryHistory(
      EventProperties events,
      OpportunityProperties opportunities,
      Clock clock,
      OpportunityStates states) {
    this.events = events;
    this.states = states;
    this.opportunities = opportunities;
    this.clock = clock;
  }

  /** The statement's prefix, and its parameters. */
  record AsOf(String with, Map<String, Object> params) {}

  /** The opportunities as of {@code asOf}; 400 naming {@code asOf} outside the feed's reach. */
  AsOf at(Instant asOf) {
    check("asOf", asOf);
    catchUp();
    return new AsOf(
        "with " + snapshot("opportunity", "asOf") + " ",
        Map.of(
            "asOf",
            OffsetDateTime.ofInstant(asOf, ZoneOffset.UTC),
            "asOfCurrency",
            opportunities.defaultCurrency()));
  }

  /** Brings the states up to every event committed so far: call it before reading a snapshot. */
  void catchUp() {
    states.catchUp();
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
   * {@code :moment} (and the default currency bound to {@code :asOfCurrency}): each one's state
   * valid then ({@link OpportunityStates}), unless it was deleted. The pipeline of a stage is read
   * as it is now (PostgreSQL drops the join when nothing reads it), and custom fields from the
   * event of the state, only when a condition names them.
   */
  static String snapshot(String name, String moment) {
    return states(
        name,
        "",
        "st.valid_from <= :"
            + moment
            + " and (st.valid_to is null or st.valid_to > :"
            + moment
            + ") and st.present");
  }

  /**
   * A common table expression {@code name} of the states ({@code st}) that {@code where} selects,
   * with the table's columns and {@code more} (a list of columns, each after a comma).
   */
  static String states(String name, String more, String where) {
    return name
        + " as not materialized (select"
        + " st.opportunity_id as id, st.owner_id, st.deal_stage_id,"
        + " stage.pipeline_id, st.account_id, st.campaign_id, st.opportunity_name,"
        + " st.probability, st.amount,"
        + " coalesce(st.currency, cast(:asOfCurrency as text)) as currency,"
        + " st.is_closed, st.is_won, st.is_active, st.close_date, st.originating_lead_id,"
        + " st.primary_lead_id, st.create_timestamp, st.update_timestamp,"
        // custom fields from the state's event, in a subquery: computed only where a condition
        // names one (a join, even one PostgreSQL removes, would keep the states' index-only scans
        // from being planned: it needs event_id)
        + " (select"
        + customFields("ev")
        + " from event ev where ev.id = st.event_id) as custom_fields"
        + more
        + " from opportunity_state st"
        + " left join deal_stage stage on stage.id = st.deal_stage_id"
        + " where "
        + where
        + ")";
  }

  /** The custom fields of the opportunity an event of alias {@code event} holds. */
  static String customFields(String event) {
    return " jsonb_strip_nulls(("
        + event
        + ".payload::jsonb -> 'data') - array['"
        + String.join("', '", STANDARD)
        + "'])";
  }
}
