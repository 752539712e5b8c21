package com.leadgencrm.opportunities.event;

import static com.leadgencrm.opportunities.event.SyntheticEvents.dealStage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leadgencrm.opportunities.core.Caller;
import com.leadgencrm.opportunities.core.Role;
import com.leadgencrm.opportunities.core.Savepoints;
import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.HeldLocks;
import com.leadgencrm.opportunities.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A transaction's events reach the feed as it commits, all of them and only those of work that was
 * not rolled back: a rollback to a savepoint (a refused batch item) takes back the events recorded
 * after it, and an inner transaction of its own (REQUIRES_NEW) commits its events on its own.
 */
@IntegrationTest
class EventsAtCommitTest {

  static final Caller WRITER = new Caller("key_writer", 1, Role.ADMINISTRATOR);

  @Autowired Api api;
  @Autowired EventRecorder recorder;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired JdbcClient jdbc;
  @Autowired EventLog log;
  @Autowired Savepoints savepoints;

  SyntheticEvents events;

  @BeforeEach
  void setUp() {
    events = new SyntheticEvents(recorder, transactionManager, jdbc);
  }

  @AfterEach
  void cleanUp() {
    events.cleanUp();
  }

  @Test
  void aRollbackToASavepointTakesBackTheEventsRecordedAfterIt() {
    long start = log.head();
    long kept = SyntheticEvents.nextId();
    long refused = SyntheticEvents.nextId();
    long keptAfter = SyntheticEvents.nextId();
    events.inTransaction(
        WRITER,
        r -> {
          record(r, kept);
          assertThatThrownBy(
                  () ->
                      savepoints.run(
                          () -> {
                            record(r, refused);
                            throw new IllegalStateException("the item fails after its event");
                          }))
              .hasMessage("the item fails after its event");
          record(r, keptAfter);
          return null;
        });

    List<JsonNode> feed = feedAfter(start);
    assertThat(resources(feed)).containsExactly(kept, keptAfter);
    assertThat(feed.get(0).path("id").asLong()).isEqualTo(start + 1);
    assertThat(feed.get(1).path("id").asLong()).isEqualTo(start + 2);
    assertThat(feed.get(1).path("transactionID").asString())
        .isEqualTo(feed.get(0).path("transactionID").asString());
  }

  @Test
  void anInnerTransactionOfItsOwnCommitsItsEventsFirstAndOnItsOwn() {
    long start = log.head();
    long outer = SyntheticEvents.nextId();
    long inner = SyntheticEvents.nextId();
    long outerAfter = SyntheticEvents.nextId();
    TransactionTemplate ownTransaction = new TransactionTemplate(transactionManager);
    ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    events.inTransaction(
        WRITER,
        r -> {
          record(r, outer);
          ownTransaction.executeWithoutResult(status -> record(r, inner));
          record(r, outerAfter);
          return null;
        });

    List<JsonNode> feed = feedAfter(start);
    assertThat(resources(feed)).containsExactly(inner, outer, outerAfter);
    assertThat(feed.get(1).path("transactionID").asString())
        .isEqualTo(feed.get(2).path("transactionID").asString())
        .isNotEqualTo(feed.get(0).path("transactionID").asString());
  }

  /**
   * A transaction that has taken its event's id but not committed yet (another client, stopped
   * inside its last statement as a write makes it) holds the feed back: a later write commits with
   * a larger id beside it, and a reader waits for the first one instead of handing out a cursor
   * past its id.
   */
  @Test
  void theFeedWaitsForATransactionThatTookItsIdsBeforeServingLaterOnes() throws Exception {
    long start = log.head();
    long inFlight = SyntheticEvents.nextId();
    long later = SyntheticEvents.nextId();
    try (HeldLocks committing =
        HeldLocks.take(
            "select crm.event_feed_writing()",
            """
            insert into crm.event (id, type, aggregate_type, aggregate_id, occurred_at,
                                   transaction_id, payload)
            select nextval('crm.event_id_seq'), 'dealStage.created', 'dealStage', %d, now(),
                   gen_random_uuid(),
                   '{"type":"dealStage.created","resource":{"type":"dealStage","id":%d}}'"""
                .formatted(inFlight, inFlight))) {
      creation(EventType.DEAL_STAGE_CREATED, later, dealStage(later, "Stage " + later));

      CompletableFuture<List<JsonNode>> page =
          CompletableFuture.supplyAsync(() -> feedAfter(start));
      Thread.sleep(500);
      assertThat(page).as("a page while an earlier id is still committing").isNotDone();

      committing.commit();
      List<JsonNode> feed = page.get(10, TimeUnit.SECONDS);
      assertThat(resources(feed)).containsExactly(inFlight, later);
      assertThat(feed.get(0).path("id").asLong()).isLessThan(feed.get(1).path("id").asLong());
    }
  }

  /** A representation as a write path could get it wrong: a record without an owner. */
  record Ownerless(long id, String opportunityName) {}

  /** One of another resource than its change's, read by its components. */
  record Owned(long id, long ownerID, String opportunityName) {}

  /** A record serialized as it is into the event's data. */
  record Stage(long id, String dealStageName) {}

  @Test
  void representationsThatDoNotFitTheirChangeRollTheWriteBackAndRecordNothing() {
    long start = log.head();
    long id = SyntheticEvents.nextId();
    assertThatThrownBy(
            () -> creation(EventType.DEAL_STAGE_CREATED, id, dealStage(id + 1, "Another stage")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("another resource than " + id);
    assertThatThrownBy(
            () -> creation(EventType.OPPORTUNITY_CREATED, id, new Owned(id + 1, 7, "Another deal")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("another resource than " + id);
    assertThatThrownBy(
            () -> creation(EventType.OPPORTUNITY_CREATED, id, new Ownerless(id, "No owner")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ownerID");
    assertThat(feedAfter(start)).isEmpty();

    creation(EventType.DEAL_STAGE_CREATED, id, new Stage(id, "A stage"));
    List<JsonNode> feed = feedAfter(start);
    assertThat(resources(feed)).containsExactly(id);
    assertThat(feed.get(0).path("data").toString())
        .isEqualTo("{\"id\":" + id + ",\"dealStageName\":\"A stage\"}");
  }

  /** Records a creation in a transaction of its own. */
  private void creation(EventType type, long id, Object after) {
    events.inTransaction(WRITER, r -> r.record(type, id, null, after));
  }

  private static void record(EventRecorder r, long id) {
    r.record(EventType.DEAL_STAGE_CREATED, id, null, dealStage(id, "Stage " + id));
  }

  private List<JsonNode> feedAfter(long after) {
    Api.Reply page = api.get("/events?limit=500&after=" + after);
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    List<JsonNode> items = new ArrayList<>();
    page.json().path("items").forEach(items::add);
    return items;
  }

  private static List<Long> resources(List<JsonNode> feed) {
    return feed.stream().map(event -> event.path("resource").path("id").asLong()).toList();
  }
}
