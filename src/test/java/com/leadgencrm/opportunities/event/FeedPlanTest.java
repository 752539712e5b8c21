package com.leadgencrm.opportunities.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.core.InvalidField;
import com.leadgencrm.opportunities.support.IntegrationTest;
import com.leadgencrm.opportunities.support.Plan;
import com.leadgencrm.opportunities.support.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The feed's filters by resource are served by indexes: the plans of the service's own statements
 * on 200,000 generated events (an opportunity's own events by {@code event_opportunity_id}, other
 * resources' by {@code event_other_aggregate_id}, which leaves opportunities out) read no table
 * whole. The events are written in one transaction that is rolled back at the end: no other test,
 * and no reader of the feed, ever sees them.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedPlanTest {

  static final int EVENTS = 200_000;

  SingleConnectionDataSource connection;
  JdbcClient jdbc;
  long from;

  @BeforeAll
  void generate() throws SQLException {
    TestDatabase.Target database = TestDatabase.target();
    connection =
        new SingleConnectionDataSource(
            TestDatabase.crmUrl(), database.username(), database.password(), true);
    connection.setAutoCommit(false);
    jdbc = JdbcClient.create(connection);
    from = jdbc.sql("select coalesce(max(id), 0) from event").query(Long.class).single();
    // a tenth deal stage events (50 stages), a tenth associations, the rest opportunity events
    // (20,000 opportunities, 8 events each)
    jdbc.sql(
            """
            insert into event (id, type, aggregate_type, aggregate_id, opportunity_id,
                               owner_before, owner_after, occurred_at, transaction_id, payload)
            select :from + n, r || case when n % 10 = 1 then '.created' else '.updated' end, r,
                   case r when 'dealStage' then n % 50 when 'opportunityLead' then n
                          else n % 20000 end,
                   case r when 'dealStage' then null else n % 20000 end,
                   n % 100, n % 100, now(), gen_random_uuid(), cast('{}' as json)
              from generate_series(1, :events) n,
                   lateral (select case n % 10 when 0 then 'dealStage'
                                               when 1 then 'opportunityLead'
                                               else 'opportunity' end as r) t""")
        .param("from", from)
        .param("events", EVENTS)
        .update();
    jdbc.sql("analyze event").update();
  }

  @AfterAll
  void rollBack() throws SQLException {
    try (Connection open = connection.getConnection()) {
      open.rollback();
    } finally {
      connection.destroy();
    }
  }

  @ParameterizedTest(name = "resourceType={0}&resourceID={1}, owner scope {2}")
  @CsvSource({
    "opportunity, 4242, false, event_opportunity_id",
    "opportunity, 4242, true, event_opportunity_id",
    "dealStage, 7, false, event_other_aggregate_id",
    "opportunityLead, 4241, true, event_other_aggregate_id",
    "'', 4242, false, event_opportunity_id event_other_aggregate_id",
    "'opportunity,dealStage', 7, false, event_opportunity_id event_other_aggregate_id"
  })
  void aResourceFilterReadsItsIndexes(
      String resourceTypes, long resourceId, boolean ownerScoped, String expectedIndexes) {
    List<InvalidField> errors = new ArrayList<>();
    List<String> types = resourceTypes.isEmpty() ? List.of() : List.of(resourceTypes.split(","));
    EventFeed.Filter filter =
        EventFeed.filter(
            new FeedQuery(null, null, List.of(), types, List.of(resourceId), 100), errors);
    assertThat(errors).isEmpty();
    String sql = EventFeed.statement(filter, ownerScoped);
    String plan =
        jdbc.sql("explain (format json) " + sql)
            .param("from", from)
            .param("head", Long.MAX_VALUE)
            .param("limit", 100)
            .param("resourceIds", List.of(resourceId))
            .param("resourceTypes", types)
            .param("me", 42)
            .query(String.class)
            .single();
    Plan read = Plan.of(plan);
    assertThat(read.wholeTables()).as(sql + "\n" + plan).isEmpty();
    assertThat(read.indexes())
        .as(sql + "\n" + plan)
        .containsAll(List.of(expectedIndexes.split(" ")));
  }
}
