package com.leadgencrm.opportunities.multiinstance;

import static com.leadgencrm.opportunities.opportunity.Opportunities.minimal;
import static com.leadgencrm.opportunities.opportunity.Opportunities.uniqueOwner;
import static com.leadgencrm.opportunities.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Api.Reply;
import com.leadgencrm.opportunities.support.IntegrationTest;
import com.leadgencrm.opportunities.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The database goes away under the service and comes back: meanwhile requests get 503 problems
 * (with Retry-After, without stack traces) and readiness is down; afterwards the service recovers
 * by itself. (The database is made unreachable by refusing its connections and terminating the open
 * ones: what clients see when PostgreSQL stops. {@code faults/run.sh} stops a real server.)
 */
@IntegrationTest
class DatabaseOutageTest {

  @Autowired Api api;

  void connections(boolean allowed) throws SQLException {
    TestDatabase.Target database = TestDatabase.target();
    try (Connection admin =
        DriverManager.getConnection(
            database.maintenanceUrl(), database.username(), database.password())) {
      admin
          .createStatement()
          .execute("alter database " + database.name() + " allow_connections " + allowed);
      if (!allowed) {
        admin
            .createStatement()
            .execute(
                "select pg_terminate_backend(pid) from pg_stat_activity"
                    + " where datname = '"
                    + database.name()
                    + "' and pid <> pg_backend_pid()");
      }
    }
  }

  /**
   * Found by faults/run.sh: a request whose connection dies mid-transaction got a 500, because the
   * failed rollback (on a connection the pool reports closed, without an SQL state) replaced the
   * original error.
   */
  @Test
  void aRequestWhoseConnectionDiesMidTransactionGets503() throws Exception {
    Api client = api.as(Api.ADMIN_TOKEN).expectServerErrors(true);
    TestDatabase.Target database = TestDatabase.target();
    java.util.concurrent.CompletableFuture<Reply> write;
    try (Connection blocker =
        DriverManager.getConnection(database.url(), database.username(), database.password())) {
      blocker.setAutoCommit(false);
      blocker.createStatement().execute("lock table crm.opportunity in share mode");
      // the write waits for the lock inside its transaction
      write =
          java.util.concurrent.CompletableFuture.supplyAsync(
              () -> client.post("/opportunities", json(minimal(uniqueOwner()))));
      Thread.sleep(700);
      try (Connection admin =
          DriverManager.getConnection(
              database.maintenanceUrl(), database.username(), database.password())) {
        admin
            .createStatement()
            .execute(
                "select pg_terminate_backend(pid) from pg_stat_activity"
                    + " where datname = '"
                    + database.name()
                    + "' and wait_event_type = 'Lock'");
      }
      blocker.rollback();
    }
    Reply reply = write.get();
    assertThat(reply.status()).as(reply.body()).isEqualTo(503);
    assertThat(reply.header("Retry-After")).isNotNull();
  }

  @Test
  void requestsGet503WhileTheDatabaseIsGoneAndTheServiceRecoversByItself() throws Exception {
    Api client = api.as(Api.ADMIN_TOKEN).expectServerErrors(true);
    assertThat(client.get("/actuator/health/readiness").status()).isEqualTo(200);
    try {
      connections(false);
      for (String path : List.of("/opportunities?limit=5", "/dealStages/1", "/fields")) {
        Reply reply = client.get(path);
        assertThat(reply.status()).as(path).isEqualTo(503);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.header("Retry-After")).isNotNull();
        assertThat(reply.body()).doesNotContain("Exception").doesNotContain("at org.");
      }
      Reply write = client.post("/opportunities", json(minimal(uniqueOwner())));
      assertThat(write.status()).isEqualTo(503);
      Reply readiness = client.get("/actuator/health/readiness");
      assertThat(readiness.status()).isEqualTo(503);
      assertThat(client.get("/actuator/health/liveness").status()).isEqualTo(200);
    } finally {
      connections(true);
    }
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    int status = 0;
    while (Instant.now().isBefore(deadline) && status != 200) {
      status = client.get("/dealStages/1").status();
      Thread.sleep(200);
    }
    assertThat(status).as("recovered without a restart").isEqualTo(200);
    assertThat(client.get("/actuator/health/readiness").status()).isEqualTo(200);
    assertThat(client.post("/opportunities", json(minimal(uniqueOwner()))).status()).isEqualTo(201);
  }
}
