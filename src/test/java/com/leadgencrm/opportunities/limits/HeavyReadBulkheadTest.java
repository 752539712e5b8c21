package com.leadgencrm.opportunities.limits;

import static com.leadgencrm.opportunities.opportunity.Opportunities.minimal;
import static com.leadgencrm.opportunities.opportunity.Opportunities.uniqueOwner;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.core.Role;
import com.leadgencrm.opportunities.opportunity.Opportunities;
import com.leadgencrm.opportunities.security.Keys;
import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Api.Reply;
import com.leadgencrm.opportunities.support.HeldLocks;
import com.leadgencrm.opportunities.support.IntegrationTest;
import com.leadgencrm.opportunities.support.WireClient;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import tools.jackson.databind.JsonNode;

/**
 * Heavy reads (lists) beyond the bulkhead wait for their turn holding no database connection, and
 * beyond its waiting room they are refused at once; meanwhile a read by id of another key still
 * gets a connection. The heavy reads here cannot finish: the association list waits for a table
 * lock another transaction holds, as a slow query would keep running.
 */
@IntegrationTest
class HeavyReadBulkheadTest {

  @Autowired Api admin;
  @Autowired DataSource dataSource;

  @Autowired
  @Qualifier("heavyReads")
  Bulkhead heavyReads;

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("never: " + what);
      }
      Thread.sleep(20);
    }
  }

  @Test
  void heavyReadsBeyondTheBulkheadWaitOrAreRefusedWhileAReadByIdGetsItsConnection()
      throws Exception {
    long id = Opportunities.create(admin, minimal(uniqueOwner()));
    Api otherKey = Keys.client(admin, Role.SALES_MANAGER, uniqueOwner());
    Api tolerant = admin.as(Api.ADMIN_TOKEN).expectServerErrors(true);
    HikariPoolMXBean pool = dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean();
    int permits = 3; // crm.limits.heavy-reads
    int queue = 32; // crm.limits.heavy-read-queue
    List<CompletableFuture<Reply>> lists = new ArrayList<>();
    ExecutorService clients = Executors.newFixedThreadPool(permits + queue);
    try (HeldLocks locks =
        HeldLocks.take("lock table crm.opportunity_lead in access exclusive mode")) {
      for (int i = 0; i < permits + queue; i++) {
        lists.add(
            CompletableFuture.supplyAsync(
                () -> tolerant.get("/opportunityLeads?limit=1"), clients));
      }
      await(
          permits + " heavy reads running and " + queue + " waiting",
          () -> heavyReads.running() == permits && heavyReads.waiting() == queue);
      // a cheap read of another key is served meanwhile
      Reply byId = otherKey.get("/opportunities/" + id);
      assertThat(byId.status()).as(byId.body()).isEqualTo(200);
      assertThat(byId.json().path("id").asLong()).isEqualTo(id);

      // only those running hold a connection (they wait for the lock in PostgreSQL)
      await(
          "the waiting reads holding no connection", () -> pool.getActiveConnections() == permits);
      assertThat(locks.waiting()).isEqualTo(permits);

      // one more heavy read, over REST or the wire protocol: no room, answered at once
      Reply refused = tolerant.get("/opportunities?limit=1");
      assertThat(refused.status()).as(refused.body()).isEqualTo(503);
      assertThat(refused.header("Retry-After")).isEqualTo("1");
      assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
      assertThat(refused.json().path("detail").asString())
          .isEqualTo(
              "Too many lists and searches are running or waiting (3 at once); retry after 1 s");
      // so are the pipeline's insight reads and the CSV export: heavy reads too
      String from = Instant.now().minus(Duration.ofDays(1)).toString();
      String to = Instant.now().toString();
      for (Api.Request insight :
          List.of(
              tolerant.request("GET", "/opportunities/summary?ownerID=7&groupBy=dealStageID"),
              tolerant.request("GET", "/opportunities/waterfall?from=" + from + "&to=" + to),
              tolerant.request("GET", "/opportunities/stageFlow?from=" + from + "&to=" + to),
              tolerant.request("GET", "/opportunities?ownerID=7").header("Accept", "text/csv"))) {
        Reply busy = insight.send();
        assertThat(busy.status()).as(busy.body()).isEqualTo(503);
        assertThat(busy.header("Retry-After")).isEqualTo("1");
      }
      JsonNode wire =
          WireClient.of(admin, Api.ADMIN_TOKEN)
              .call("{\"method\":\"getOpportunities\",\"params\":{\"where\":{}},\"id\":5}");
      assertThat(wire)
          .isEqualTo(
              Api.JSON.readTree(
                  """
                  {"result":null,"error":{"code":503,"message":"Too many lists and searches are\
                   running or waiting (3 at once); retry after 1 s","data":[{"retryAfter":1}]},"id":5}\
                  """));
    }
    // the lock is gone: the heavy reads that waited their turn are answered (those that waited
    // longer than crm.limits.heavy-read-wait were told to retry)
    for (CompletableFuture<Reply> list : lists) {
      Reply reply = list.get(30, TimeUnit.SECONDS);
      assertThat(reply.status()).as(reply.body()).isIn(200, 503);
      if (reply.status() == 503) {
        assertThat(reply.header("Retry-After")).isEqualTo("1");
      }
    }
    assertThat(lists.stream().filter(list -> list.join().status() == 200)).isNotEmpty();
    clients.shutdownNow();
    await("every heavy read done", () -> heavyReads.running() == 0 && heavyReads.waiting() == 0);
  }
}
