package com.leadgencrm.opportunities.opportunity;

import static com.leadgencrm.opportunities.opportunity.Opportunities.create;
import static com.leadgencrm.opportunities.opportunity.Opportunities.minimal;
import static com.leadgencrm.opportunities.opportunity.Opportunities.uniqueOwner;
import static com.leadgencrm.opportunities.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Api.Reply;
import com.leadgencrm.opportunities.support.HeldLocks;
import com.leadgencrm.opportunities.support.IntegrationTest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Concurrent clients never lose an update, and races never give a 5xx. */
@IntegrationTest
class ConcurrentWritesTest {

  @Autowired Api api;

  <T> List<T> race(int threads, Callable<T> work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return work.call();
                }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentPatchesOfDifferentPropertiesAllLand() throws Exception {
    long id = create(api, minimal(uniqueOwner()));
    List<String> properties =
        List.of("accountID", "campaignID", "originatingLeadID", "amount", "probability");
    var next = new java.util.concurrent.atomic.AtomicInteger();
    List<Integer> statuses =
        race(
            properties.size(),
            () -> {
              String property = properties.get(next.getAndIncrement());
              int status = 200;
              for (int value = 1; value <= 20; value++) {
                status =
                    Math.max(
                        status,
                        api.patch("/opportunities/" + id, json(Map.of(property, value))).status());
              }
              return status;
            });
    assertThat(statuses).containsOnly(200);
    JsonNode result = api.get("/opportunities/" + id).json();
    for (String property : properties) {
      assertThat(result.path(property).decimalValue()).as(property).isEqualByComparingTo("20");
    }
  }

  @Test
  void conditionalIncrementsLoseNothing() throws Exception {
    long id = create(api, minimal(uniqueOwner()));
    api.patch("/opportunities/" + id, json(Map.of("amount", 0)));
    int threads = 6;
    int increments = 8;
    List<Integer> conflicts =
        race(
            threads,
            () -> {
              int stale = 0;
              for (int done = 0; done < increments; ) {
                Reply current = api.get("/opportunities/" + id);
                BigDecimal amount = current.json().path("amount").decimalValue();
                Reply write =
                    api.request("PATCH", "/opportunities/" + id)
                        .header("If-Match", current.header("ETag"))
                        .body(
                            "application/merge-patch+json",
                            json(Map.of("amount", amount.add(BigDecimal.ONE))))
                        .send();
                if (write.status() == 200) {
                  done++;
                } else {
                  assertThat(write.status()).isEqualTo(412);
                  stale++;
                }
              }
              return stale;
            });
    assertThat(api.get("/opportunities/" + id).json().path("amount").decimalValue())
        .isEqualByComparingTo(BigDecimal.valueOf((long) threads * increments));
    assertThat(conflicts.stream().mapToInt(Integer::intValue).sum())
        .as("stale writes refused")
        .isPositive();
  }

  @Test
  void duplicateAssociationRaceIsOneCreateAndConflicts() throws Exception {
    long id = create(api, minimal(uniqueOwner()));
    List<Reply> replies =
        race(
            12,
            () ->
                api.post("/opportunityLeads", json(Map.of("opportunityID", id, "leadID", 31337))));
    List<Reply> created = replies.stream().filter(r -> r.status() == 201).toList();
    assertThat(created).hasSize(1);
    long createdId = created.get(0).id();
    assertThat(replies.stream().filter(r -> r.status() != 201))
        .allSatisfy(
            r -> {
              assertThat(r.status()).isEqualTo(409);
              assertThat(r.json().path("existingId").asLong()).isEqualTo(createdId);
            });
  }

  @Test
  void idempotentAssociationRaceCreatesOnce() throws Exception {
    long id = create(api, minimal(uniqueOwner()));
    List<Reply> replies = race(12, () -> api.put("/opportunities/" + id + "/leads/8080", ""));
    assertThat(replies.stream().filter(r -> r.status() == 201)).hasSize(1);
    assertThat(replies.stream().filter(r -> r.status() == 200)).hasSize(11);
    assertThat(replies.stream().map(Reply::id).distinct()).hasSize(1);
  }

  @Test
  void oneLeadAssociatedAndRemovedAtOnceIsEachTimeOneChangeInTheFeed() throws Exception {
    // An association removed between the insert that ran into it and the read of it was a 500; a
    // removal that waited for another of the same association answered 204 and recorded a second
    // deletion.
    long id = create(api, minimal(uniqueOwner()));
    var next = new java.util.concurrent.atomic.AtomicInteger();
    List<Map<Integer, Integer>> counts =
        race(
            4,
            () -> {
              boolean associates = next.getAndIncrement() % 2 == 0;
              Map<Integer, Integer> statuses = new java.util.TreeMap<>();
              for (int i = 0; i < 150; i++) {
                int status =
                    associates
                        ? api.put("/opportunities/" + id + "/leads/4242", "").status()
                        : api.delete("/opportunities/" + id + "/leads/4242").status();
                statuses.merge(status, 1, Integer::sum);
              }
              return statuses;
            });
    Map<Integer, Integer> statuses = new java.util.TreeMap<>();
    counts.forEach(each -> each.forEach((status, n) -> statuses.merge(status, n, Integer::sum)));
    assertThat(statuses.keySet()).isSubsetOf(200, 201, 204, 404);

    List<String> types = new ArrayList<>();
    String page = "/opportunities/" + id + "/history?limit=500";
    while (page != null) {
      JsonNode history = api.get(page).json();
      history.path("items").forEach(event -> types.add(0, event.path("type").asString()));
      page =
          history.path("nextCursor").isString()
              ? "/opportunities/"
                  + id
                  + "/history?limit=500&cursor="
                  + history.path("nextCursor").asString()
              : null;
    }
    List<String> associations =
        types.stream().filter(type -> type.startsWith("opportunityLead.")).toList();
    assertThat(associations.stream().filter("opportunityLead.created"::equals))
        .hasSize(statuses.getOrDefault(201, 0));
    assertThat(associations.stream().filter("opportunityLead.deleted"::equals))
        .hasSize(statuses.getOrDefault(204, 0));
    for (int i = 0; i < associations.size(); i++) {
      assertThat(associations.get(i))
          .as("event %d of %s", i, associations)
          .isEqualTo(i % 2 == 0 ? "opportunityLead.created" : "opportunityLead.deleted");
    }
  }

  @Test
  void aChangeUndoneByADeadlockIsToldSoNotThatTheDatabaseIsUnavailable() throws Exception {
    long owner = uniqueOwner();
    long first = create(api, minimal(owner));
    long second = create(api, minimal(owner));
    // another client holds the second; the batch locks the first, then waits for the second; the
    // other client then waits for the first: PostgreSQL undoes the one that waited first, the batch
    try (HeldLocks other =
        HeldLocks.take("select id from crm.opportunity where id = " + second + " for update")) {
      CompletableFuture<Reply> batch =
          CompletableFuture.supplyAsync(
              () ->
                  api.as(Api.ADMIN_TOKEN)
                      .expectServerErrors(true)
                      .patch(
                          "/opportunities/batch?atomic=true",
                          json(
                              Map.of(
                                  "items",
                                  List.of(
                                      Map.of("id", first, "amount", 1),
                                      Map.of("id", second, "amount", 2))))));
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(10))
          .until(() -> other.waiting() == 1);
      CompletableFuture<Void> crossing =
          other.runLater("select id from crm.opportunity where id = " + first + " for update");
      Reply undone = batch.get(15, TimeUnit.SECONDS);
      assertThat(undone.status()).as(undone.body()).isEqualTo(503);
      assertThat(undone.header("Retry-After")).isEqualTo("1");
      assertThat(undone.json().path("detail").asString())
          .isEqualTo("The change collided with a concurrent change and was undone; retry");
      crossing.get(10, TimeUnit.SECONDS);
    }
    assertThat(api.get("/opportunities/" + first).json().path("amount").isNull()).isTrue();
  }

  @Test
  void removingALeadDoesNotWaitForAnotherLeadBeingAdded() throws Exception {
    // A removal locked the opportunity FOR UPDATE, which waits for the foreign-key checks of
    // associations being inserted: a move waiting for such an insert then deadlocked with it.
    long id = create(api, minimal(uniqueOwner()));
    assertThat(api.put("/opportunities/" + id + "/leads/5", "").status()).isEqualTo(201);
    try (HeldLocks adding =
        HeldLocks.take(
            "insert into crm.opportunity_lead (id, opportunity_id, lead_id, create_timestamp,"
                + " update_timestamp) values (nextval('crm.opportunity_lead_id_seq'), "
                + id
                + ", 77, now(), now())")) {
      CompletableFuture<Reply> removal =
          CompletableFuture.supplyAsync(() -> api.delete("/opportunities/" + id + "/leads/5"));
      assertThat(removal.get(10, TimeUnit.SECONDS).status()).isEqualTo(204);
    }
  }
}
