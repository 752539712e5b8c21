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
 * whatever database URL the operator gives ({@code SPRING_DATASOURCE_URL}), one without driver
 * options included: one statement per row made a batch of 500 four times slower (BENCHMARKS.md,
 * eighteenth round). PostgreSQL itself counts the statements, with a statement-level trigger in a
 * database of this test's own.
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
      connection
          .createStatement()
          .execute(
              """
              create table public.insert_statement (row_count int not null);
              create function public.insert_statement_counted() returns trigger
                language plpgsql as $$
              begin
                insert into public.insert_statement select count(*) from inserted;
                return null;
              end
              $$;
              create trigger insert_statement_counted after insert on crm.opportunity
                referencing new table as inserted
                for each statement execute function public.insert_statement_counted();
              """);
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

    Reply reply = api.post("/opportunities/batch", BatchTest.batch(items));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("results").valueStream())
        .hasSize(64)
        .allSatisfy(result -> assertThat(result.path("status").asInt()).isEqualTo(201));
    try (Connection connection = connect();
        ResultSet statements =
            connection
                .createStatement()
                .executeQuery(
                    "select count(*), coalesce(sum(row_count), 0) from public.insert_statement")) {
      statements.next();
      assertThat(statements.getLong(2)).as("rows inserted").isEqualTo(64);
      assertThat(statements.getLong(1)).as("INSERT statements").isEqualTo(1);
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(database.url(), database.username(), database.password());
  }
}
