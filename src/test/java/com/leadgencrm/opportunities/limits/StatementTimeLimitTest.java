package com.leadgencrm.opportunities.limits;

import static com.leadgencrm.opportunities.opportunity.Opportunities.minimal;
import static com.leadgencrm.opportunities.opportunity.Opportunities.uniqueOwner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.leadgencrm.opportunities.opportunity.Opportunities;
import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Api.Reply;
import com.leadgencrm.opportunities.support.HeldLocks;
import com.leadgencrm.opportunities.support.IntegrationTest;
import com.leadgencrm.opportunities.support.WireClient;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Every statement of a request has a time limit (5 s by default): a request that runs into it is
 * answered with a problem that says so (not "database unavailable"), and its connection is free.
 */
@IntegrationTest
class StatementTimeLimitTest {

  static final String TIMED_OUT =
      "The request ran into the database time limit of 5 s and was cancelled; narrow it (more"
          + " selective filters, a smaller page) or retry later";

  @Autowired Api admin;
  @Autowired DataSource dataSource;

  @Test
  void aStatementThatRunsOutOfTimeIsCancelledWithAClearProblemAndItsConnectionFreed()
      throws Exception {
    long id = Opportunities.create(admin, minimal(uniqueOwner()));
    Api tolerant = admin.as(Api.ADMIN_TOKEN).expectServerErrors(true);
    WireClient wire = WireClient.of(admin, Api.ADMIN_TOKEN);
    ExecutorService clients = Executors.newFixedThreadPool(2);
    try (HeldLocks locks = HeldLocks.take("lock table crm.opportunity in access exclusive mode")) {
      // both reads wait for the lock, as long as the time limit lets them
      CompletableFuture<Reply> rest =
          CompletableFuture.supplyAsync(() -> tolerant.get("/opportunities/" + id), clients);
      CompletableFuture<JsonNode> call =
          CompletableFuture.supplyAsync(
              () ->
                  wire.call(
                      "{\"method\":\"getOpportunity\",\"params\":{\"id\":" + id + "},\"id\":3}"),
              clients);
      Reply reply = rest.get(15, TimeUnit.SECONDS);
      assertThat(reply.status()).as(reply.body()).isEqualTo(503);
      assertThat(reply.header("Retry-After")).isEqualTo("1");
      assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
      assertThat(reply.json().path("detail").asString()).isEqualTo(TIMED_OUT);
      assertThat(call.get(15, TimeUnit.SECONDS))
          .isEqualTo(
              Api.JSON.readTree(
                  "{\"result\":null,\"error\":{\"code\":503,\"message\":\""
                      + TIMED_OUT
                      + "\",\"data\":[{\"retryAfter\":1}]},\"id\":3}"));

      // the lock is still held, and nothing of the service waits for it any more; a background
      // job (webhooks, the history's projection) may hold a connection for a moment, never longer
      // than the time limit: a connection the cancelled reads kept would stay taken
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                assertThat(locks.waiting()).isZero();
                assertThat(
                        dataSource
                            .unwrap(HikariDataSource.class)
                            .getHikariPoolMXBean()
                            .getActiveConnections())
                    .isZero();
              });
    } finally {
      clients.shutdownNow();
    }
    assertThat(admin.get("/opportunities/" + id).status()).isEqualTo(200);
  }
}
