package com.leadgencrm.opportunities.opportunity;

import static com.leadgencrm.opportunities.opportunity.Opportunities.minimal;
import static com.leadgencrm.opportunities.opportunity.Opportunities.uniqueOwner;
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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A batch of creates reaches PostgreSQL as one INSERT of all its rows ({@code OpportunityInserts}),
 * with the associations of their primary leads, whatever database URL the operator gives ({@code
 * SPRING_DATASOURCE_URL}), one without driver options included: one statement per row made a batch
 * of 500 four times slower (BENCHMARKS.md, eighteenth round). A batch of changes is one UPDATE of
 * the rows that changed ({@code OpportunityUpdates}), and a change that changes nothing writes
 * nothing; a change that keeps the primary lead does not associate it again. PostgreSQL itself
 * counts the statements, with statement-level triggers in a database of this test's own.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchStatementsTest {

  TestDatabase.Target database;
  ConfigurableApplicationContext service;
  Api api;

  @BeforeAll
  void startOnADatabaseUrlWithoutOptions() throws SQLException {
    database = TestDatabase.fresh();
    assertThat(database.url()).doesNotContainIgnoringCase("reWriteBatchedInserts");
    service = Instances.start(database, "--spring.datasource.hikari.maximum-pool-size=2");
    api = Api.onPort(((WebServerApplicationContext) service).getWebServer().getPort());
    try (Connection connection = connect()) {
      // public.<counter>: the rows of each statement of that kind on that table, in their order
      for (List<String> counted :
          List.of(
              List.of("insert_statement", "insert", "opportunity"),
              List.of("update_statement", "update", "opportunity"),
              List.of("lead_insert_statement", "insert", "opportunity_lead"))) {
        connection
            .createStatement()
            .execute(
                """
                create table public.%1$s (row_count int not null, query text not null);
                create function public.%1$s_counted() returns trigger
                  language plpgsql as $$
                begin
                  insert into public.%1$s select count(*), current_query() from written;
                  return null;
                end
                $$;
                create trigger %1$s_counted after %2$s on crm.%3$s
                  referencing new table as written
                  for each statement execute function public.%1$s_counted();
                """
                    .formatted(counted.toArray()));
      }
    }
  }

  @AfterAll
  void stop() {
    if (service != null) {
      service.close();
    }
  }

  @Test
  void aBatchOf64IsInsertedByOneStatement() throws SQLException {
    long owner = uniqueOwner();
    List<Object> items = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      items.add(minimal(owner));
    }

    statements("insert_statement"); // counted from here

    Reply reply = api.post("/opportunities/batch", BatchTest.batch(items));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("results").valueStream())
        .hasSize(64)
        .allSatisfy(result -> assertThat(result.path("status").asInt()).isEqualTo(201));
    assertThat(statements("insert_statement")).as("rows of each INSERT").containsExactly(64L);
  }

  @Test
  void aBatchOf64WithPrimaryLeadsIsInsertedWithTheirAssociationsByOneStatement()
      throws SQLException {
    long owner = uniqueOwner();
    List<Object> items = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      var opportunity = minimal(owner);
      opportunity.put("primaryLeadID", 7000 + i);
      items.add(opportunity);
    }
    statements("insert_statement"); // counted from here
    statements("lead_insert_statement");

    Reply reply = api.post("/opportunities/batch", BatchTest.batch(items));

    assertThat(reply.status()).isEqualTo(200);
    List<Statement> opportunities = counted("insert_statement");
    List<Statement> associations = counted("lead_insert_statement");
    assertThat(opportunities).extracting(Statement::rows).containsExactly(64L);
    assertThat(associations).extracting(Statement::rows).containsExactly(64L);
    assertThat(associations.get(0).query()).isEqualTo(opportunities.get(0).query());
    long last = reply.json().path("results").get(63).path("id").asLong();
    assertThat(leadsOf(last)).containsExactly(7063L);
  }

  @Test
  void aBatchOf64ChangesIsWrittenByOneStatementAndNoChangeByNone() throws SQLException {
    long owner = uniqueOwner();
    List<Object> items = new ArrayList<>();
    for (int i = 0; i < 65; i++) {
      items.add(minimal(owner));
    }
    List<Long> ids =
        api.post("/opportunities/batch", BatchTest.batch(items))
            .json()
            .path("results")
            .valueStream()
            .map(result -> result.path("id").asLong())
            .toList();
    String unchanged = api.get("/opportunities/" + ids.get(64)).json().toString();
    List<Object> changes = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      changes.add(java.util.Map.of("id", ids.get(i), "opportunityName", "Renamed " + i));
    }
    statements("update_statement"); // counted from here

    Reply batch = api.patch("/opportunities/batch", BatchTest.batch(changes));
    Reply same =
        api.patch("/opportunities/" + ids.get(64), "{\"opportunityName\": \"Acme " + owner + "\"}");

    assertThat(batch.status()).isEqualTo(200);
    assertThat(batch.json().path("results").valueStream())
        .hasSize(64)
        .allSatisfy(result -> assertThat(result.path("status").asInt()).isEqualTo(200));
    assertThat(api.get("/opportunities/" + ids.get(63)).json().path("opportunityName").asString())
        .isEqualTo("Renamed 63");
    assertThat(same.status()).isEqualTo(200);
    assertThat(same.json().toString()).isEqualTo(unchanged);
    assertThat(statements("update_statement")).as("rows of each UPDATE").containsExactly(64L);
  }

  @Test
  void aChangeThatKeepsThePrimaryLeadDoesNotAssociateItAgain() throws SQLException {
    var opportunity = minimal(uniqueOwner());
    opportunity.put("primaryLeadID", 555);
    long id = Opportunities.create(api, opportunity);
    statements("lead_insert_statement"); // counted from here

    Reply amount = api.patch("/opportunities/" + id, "{\"amount\": 1200}");
    Reply lead = api.patch("/opportunities/" + id, "{\"primaryLeadID\": 556}");

    assertThat(amount.status()).isEqualTo(200);
    assertThat(lead.status()).isEqualTo(200);
    assertThat(statements("lead_insert_statement"))
        .as("rows of each INSERT of associations")
        .containsExactly(1L);
    assertThat(leadsOf(id)).containsExactly(555L, 556L);
  }

  /** The leads associated with the opportunity, as its first page of associations lists them. */
  private List<Long> leadsOf(long opportunity) {
    return api.get("/opportunities/" + opportunity + "/leads")
        .json()
        .path("items")
        .valueStream()
        .map(item -> item.path("leadID").asLong())
        .toList();
  }

  /** The rows of each statement a table of this test counted since the last call. */
  private List<Long> statements(String table) throws SQLException {
    return counted(table).stream().map(Statement::rows).toList();
  }

  /** A statement a table of this test counted: its rows, and the client's statement it was in. */
  record Statement(long rows, String query) {}

  /** The statements a table of this test counted since the last call, in their order. */
  private List<Statement> counted(String table) throws SQLException {
    List<Statement> counted = new ArrayList<>();
    try (Connection connection = connect();
        ResultSet statements =
            connection
                .createStatement()
                .executeQuery("delete from public." + table + " returning row_count, query")) {
      while (statements.next()) {
        counted.add(new Statement(statements.getLong(1), statements.getString(2)));
      }
    }
    return counted;
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(database.url(), database.username(), database.password());
  }
}
