package com.leadgencrm.opportunities.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Api.Reply;
import com.leadgencrm.opportunities.support.Instances;
import com.leadgencrm.opportunities.support.IntegrationTest;
import com.leadgencrm.opportunities.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * After a flood of writes the opportunities' history is behind the event feed. A read of past
 * pipelines that finds more to bring up to date than it may ({@code crm.limits.history-catch-up}: 0
 * here, so one chunk of 1,000 events a read) is answered 503 with Retry-After at once instead of
 * holding its client for as long as the backlog takes; what it projected is kept, so the same read
 * gets further each time and answers in full once the history has caught up. The flood is 20,000
 * events of an import written straight into the feed, in a database of this test's own whose event
 * and state tables are never analyzed (as after a flood outgrows their statistics).
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HistoryCatchUpTest {

  static final int IMPORTED = 20_000;

  TestDatabase.Target database;
  ConfigurableApplicationContext service;
  Api api;

  @BeforeAll
  void startWithAFloodOfEventsBehindTheHistory() throws SQLException {
    database = TestDatabase.fresh();
    service =
        Instances.start(
            database,
            "--spring.datasource.hikari.maximum-pool-size=4",
            "--crm.limits.history-catch-up=0s");
    api = Api.onPort(((WebServerApplicationContext) service).getWebServer().getPort());
    try (Connection connection = connect()) {
      connection
          .createStatement()
          .execute(
              """
              alter table crm.event set (autovacuum_enabled = false);
              alter table crm.opportunity_state set (autovacuum_enabled = false);
              insert into crm.event (id, type, aggregate_type, aggregate_id, opportunity_id,
                                     owner_before, owner_after, occurred_at, transaction_id, payload)
              select nextval('crm.event_id_seq'), 'opportunity.created', 'opportunity', 5000 + g,
                     5000 + g, null, 7, now() - interval '1 hour', gen_random_uuid(),
                     json_build_object('type', 'opportunity.created', 'data', json_build_object(
                       'id', 5000 + g, 'ownerID', 7, 'dealStageID', 2,
                       'opportunityName', 'Imported ' || g, 'probability', 20, 'amount', 100,
                       'currency', 'USD', 'isClosed', false, 'isWon', false, 'isActive', true,
                       'closeDate', '2027-01-29T00:00:00Z',
                       'createTimestamp', now() - interval '1 hour',
                       'updateTimestamp', now() - interval '1 hour'))
                from generate_series(1, %d) g"""
                  .formatted(IMPORTED));
    }
  }

  @AfterAll
  void stop() {
    if (service != null) {
      service.close();
    }
  }

  /**
   * A chunk looks up the latest state of each event's opportunity once: planned for a chunk of one
   * event (no statistics), the lookups ran again for every event, 1,000 times 1,000 of them (2
   * million buffers in one node of the plan and seconds, where this takes about 50 ms).
   */
  @Test
  @Order(1)
  void aChunkReadsALatestStateOncePerEventWithoutStatistics() throws SQLException {
    try (Connection connection = connect()) {
      connection.setAutoCommit(false);
      Statement statement = connection.createStatement();
      statement.execute("set search_path = crm");
      long after = projected();
      ResultSet plan =
          statement.executeQuery(
              "explain (analyze, buffers, format json) "
                  + OpportunityStates.PROJECT
                      .replaceAll(":after\\b", Long.toString(after))
                      .replaceAll(":to\\b", Long.toString(after + OpportunityStates.CHUNK)));
      plan.next();
      JsonNode root = JsonMapper.shared().readTree(plan.getString(1)).get(0).path("Plan");
      connection.rollback();
      // each node counts the buffers of its subtree; the data-modifying parts (the states closed
      // and inserted) are subtrees of their own, outside the statement's top node
      assertThat(mostBuffers(root))
          .as("buffers a part of a chunk of %d creates reads", OpportunityStates.CHUNK)
          .isLessThan(100L * OpportunityStates.CHUNK);
    }
  }

  @Test
  @Order(2)
  void aReadFarBehindIsToldToRetryAndEachRetryGetsFurtherUntilItAnswers() throws SQLException {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String summary = "/opportunities/summary?groupBy=dealStageID&asOf=" + now;
    long before = projected();

    Reply first = api.as(Api.ADMIN_TOKEN).expectServerErrors(true).get(summary);

    assertThat(first.status()).as(first.body()).isEqualTo(503);
    assertThat(first.header("Content-Type")).startsWith("application/problem+json");
    assertThat(first.header("Retry-After")).matches("[1-9][0-9]?");
    assertThat(first.json().path("detail").asString())
        .startsWith("The history of opportunities is being brought up to date")
        .contains("events are not in it yet");
    assertThat(projected()).as("the chunk the read projected is kept").isGreaterThan(before);
    Reply waterfall =
        api.as(Api.ADMIN_TOKEN)
            .expectServerErrors(true)
            .get("/opportunities/waterfall?from=" + now.minus(7, ChronoUnit.DAYS) + "&to=" + now);
    assertThat(waterfall.status()).as(waterfall.body()).isEqualTo(503);
    assertThat(waterfall.header("Retry-After")).matches("[1-9][0-9]?");

    Reply reply = first;
    for (int attempt = 0; attempt < 60 && reply.status() == 503; attempt++) {
      reply = api.as(Api.ADMIN_TOKEN).expectServerErrors(true).get(summary);
      assertThat(reply.status()).as(reply.body()).isIn(200, 503);
    }
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.json().path("totals").get(0).path("count").asLong()).isEqualTo(IMPORTED);
    assertThat(reply.json().path("groups").get(0).path("key").path("dealStageID").asLong())
        .isEqualTo(2);
  }

  /** The most buffers one node of a plan (with its subtree) read. */
  static long mostBuffers(JsonNode node) {
    long most = node.path("Shared Hit Blocks").asLong() + node.path("Shared Read Blocks").asLong();
    for (JsonNode child : node.path("Plans")) {
      most = Math.max(most, mostBuffers(child));
    }
    return most;
  }

  /** The last event id the history holds. */
  private long projected() throws SQLException {
    try (Connection connection = connect();
        ResultSet position =
            connection
                .createStatement()
                .executeQuery("select value from crm.opportunity_state_position")) {
      position.next();
      return position.getLong(1);
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(database.url(), database.username(), database.password());
  }
}
