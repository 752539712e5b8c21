package com.leadgencrm.opportunities.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.event.SyntheticEvents;
import com.leadgencrm.opportunities.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The projection of opportunity events into past states gives the same states whether an
 * opportunity's events arrive one chunk at a time or all in one chunk: each state holds from its
 * event to the next one, knows the stage before it, and when its stage was entered; a deletion is a
 * state in which the opportunity is absent; deleting the events (the history's retention) deletes
 * their states.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpportunityStatesTest {

  @Autowired JdbcClient jdbc;
  @Autowired OpportunityStates states;
  @Autowired PlatformTransactionManager transactions;

  final long owner = Opportunities.uniqueOwner();
  final Instant t = Instant.now().minus(Duration.ofDays(5)).truncatedTo(ChronoUnit.SECONDS);
  final List<Long> aggregates = new ArrayList<>();

  /**
   * Per state: from, to, present, stage, stage before, stage entered (days after t), and whether
   * its event moved the opportunity (created in a stage, moved, won or lost).
   */
  static final List<String> EXPECTED =
      List.of(
          "0 1 true 1 null 0 true",
          "1 2 true 1 1 0 false",
          "2 3 true 2 1 2 true",
          "3 4 true 2 2 2 false",
          "4 null false 2 2 2 false");

  @AfterAll
  void cleanUp() {
    jdbc.sql("delete from event where aggregate_id in (:ids)").param("ids", aggregates).update();
  }

  @Test
  void eachEventProjectedOnItsOwnGivesTheStatesOfTheHistory() {
    long id = SyntheticEvents.nextId();
    for (Runnable event : history(id)) {
      event.run();
      // the event is projected before the next one commits: every chunk holds one event
      states.catchUp();
    }
    assertThat(states(id)).containsExactlyElementsOf(EXPECTED);
  }

  @Test
  void theWholeHistoryCommittedAtOnceGivesTheSameStates() {
    long id = SyntheticEvents.nextId();
    // one transaction: the projection sees all of its events in one chunk
    new TransactionTemplate(transactions)
        .executeWithoutResult(status -> history(id).forEach(Runnable::run));
    states.catchUp();
    assertThat(states(id)).containsExactlyElementsOf(EXPECTED);
  }

  @Test
  void theStatesGoWithTheirEvents() {
    long id = SyntheticEvents.nextId();
    history(id).forEach(Runnable::run);
    states.catchUp();
    assertThat(states(id)).hasSize(5);
    jdbc.sql("delete from event where aggregate_id = :id").param("id", id).update();
    assertThat(states(id)).isEmpty();
  }

  @Test
  void aReadWithNothingLeftToProjectWritesNothing() {
    long id = SyntheticEvents.nextId();
    history(id).forEach(Runnable::run);
    states.catchUp();
    String position = positionVersion();
    states.catchUp();
    states.catchUp();
    // the position row is the same row version: no update, no lock queue, no commit of a write
    assertThat(positionVersion()).isEqualTo(position);
  }

  @Test
  void eventsOfOtherResourcesBeyondAChunkHoldNothingBack() {
    long id = SyntheticEvents.nextId();
    // more than a chunk's worth of ids without an opportunity event, then an opportunity's history
    long stage = SyntheticEvents.nextId();
    jdbc.sql(
            """
            with writing as (select event_feed_writing())
            insert into event (id, type, aggregate_type, aggregate_id, occurred_at, transaction_id,
                               payload)
            select nextval('event_id_seq'), 'dealStage.updated', 'dealStage', :stage, now(),
                   gen_random_uuid(), '{"type":"dealStage.updated"}'
              from writing, generate_series(1, :n) g""")
        .param("n", OpportunityStates.CHUNK * 5 / 2)
        .param("stage", stage)
        .update();
    aggregates.add(stage);
    history(id).forEach(Runnable::run);
    states.catchUp();
    assertThat(states(id)).containsExactlyElementsOf(EXPECTED);
    assertThat(jdbc.sql("select value from opportunity_state_position").query(Long.class).single())
        .isEqualTo(jdbc.sql("select max(id) from event").query(Long.class).single());
  }

  String positionVersion() {
    return jdbc.sql("select xmin::text || ':' || value from opportunity_state_position")
        .query(String.class)
        .single();
  }

  /** Created in stage 1; its amount changed; moved to 2; its name changed; deleted. */
  List<Runnable> history(long id) {
    return List.of(
        () -> event("created", id, 0, 1, "100.00"),
        () -> event("updated", id, 1, 1, "150.00"),
        () -> event("updated", id, 2, 2, "150.00"),
        () -> event("updated", id, 3, 2, "160.00"),
        () -> event("deleted", id, 4, 2, "160.00"));
  }

  void event(String action, long id, int day, long stage, String amount) {
    aggregates.add(id);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("id", id);
    data.put("ownerID", owner);
    data.put("dealStageID", stage);
    data.put("amount", new java.math.BigDecimal(amount));
    data.put("currency", "USD");
    data.put("isClosed", false);
    data.put("isWon", false);
    SyntheticEvents.insertOpportunityEvent(
        jdbc, action, id, owner, t.plus(Duration.ofDays(day)), data);
  }

  List<String> states(long id) {
    return jdbc.sql(
            """
            select valid_from, valid_to, present, deal_stage_id, prev_stage, stage_since, moved
              from opportunity_state where opportunity_id = :id order by event_id""")
        .param("id", id)
        .query(
            (rs, n) ->
                day(rs.getObject("valid_from", OffsetDateTime.class))
                    + " "
                    + day(rs.getObject("valid_to", OffsetDateTime.class))
                    + " "
                    + rs.getBoolean("present")
                    + " "
                    + rs.getLong("deal_stage_id")
                    + " "
                    + rs.getObject("prev_stage")
                    + " "
                    + day(rs.getObject("stage_since", OffsetDateTime.class))
                    + " "
                    + rs.getBoolean("moved"))
        .list();
  }

  String day(OffsetDateTime moment) {
    return moment == null
        ? "null"
        : String.valueOf(Duration.between(t, moment.toInstant()).toDays());
  }
}
