package com.leadgencrm.opportunities.opportunity;

import static com.leadgencrm.opportunities.opportunity.Opportunities.minimal;
import static com.leadgencrm.opportunities.opportunity.Opportunities.uniqueOwner;
import static com.leadgencrm.opportunities.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.core.Role;
import com.leadgencrm.opportunities.security.Keys;
import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Api.Reply;
import com.leadgencrm.opportunities.support.HeldLocks;
import com.leadgencrm.opportunities.support.IntegrationTest;
import com.leadgencrm.opportunities.support.WireClient;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A caller who sees only their own opportunities never locks, nor waits for, another owner's row:
 * while another transaction holds that row locked, their PUT, PATCH and DELETE (and those of its
 * associations, over REST and the wire protocol) answer "not found" at once, as for an unknown id,
 * instead of waiting for the lock and telling by the wait that the row exists.
 */
@IntegrationTest
class ScopeBeforeLockTest {

  /** Far less than a lock held for the whole test; the answers come in milliseconds. */
  static final long PROMPTLY_MS = 3000;

  @Autowired Api admin;
  Api salesperson;
  String salespersonToken;
  long otherOwner;

  @BeforeEach
  void keys() {
    long me = uniqueOwner();
    salespersonToken =
        Keys.create(admin, Role.SALESPERSON, me, null).json().path("token").asString();
    salesperson = admin.as(salespersonToken);
    otherOwner = uniqueOwner();
  }

  /** Runs the request while another transaction holds the opportunity's row locked. */
  <T> T whileLocked(long opportunityId, Supplier<T> request) throws Exception {
    try (HeldLocks locks =
        HeldLocks.take(
            "select id from crm.opportunity where id = " + opportunityId + " for update")) {
      CompletableFuture<T> answer = CompletableFuture.supplyAsync(request);
      try {
        return answer.get(PROMPTLY_MS, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        throw new AssertionError(
            "still waiting after "
                + PROMPTLY_MS
                + " ms: the request waits for another owner's lock",
            e);
      }
    }
  }

  @Test
  void changesOfAnotherOwnersLockedOpportunityAreNotFoundAtOnce() throws Exception {
    Map<String, Function<Long, Reply>> requests =
        Map.of(
            "PATCH",
            id -> salesperson.patch("/opportunities/" + id, json(Map.of("amount", 5))),
            "PUT",
            id -> salesperson.put("/opportunities/" + id, json(minimal(otherOwner))),
            "DELETE",
            id -> salesperson.delete("/opportunities/" + id),
            "PATCH batch",
            id ->
                salesperson
                    .request("PATCH", "/opportunities/batch")
                    .body(
                        "application/merge-patch+json",
                        json(Map.of("items", java.util.List.of(Map.of("id", id, "amount", 5)))))
                    .send());
    for (Map.Entry<String, Function<Long, Reply>> request : requests.entrySet()) {
      long theirs = Opportunities.create(admin, minimal(otherOwner));
      Reply reply = whileLocked(theirs, () -> request.getValue().apply(theirs));
      if (request.getKey().equals("PATCH batch")) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().path("results").path(0).path("status").asInt())
            .as(reply.body())
            .isEqualTo(404);
      } else {
        assertThat(reply.status()).as(request.getKey() + ": " + reply.body()).isEqualTo(404);
      }
    }
  }

  @Test
  void wireChangesOfAnotherOwnersLockedOpportunityAreNoRowsAffectedAtOnce() throws Exception {
    WireClient wire = WireClient.of(admin, salespersonToken);
    for (String method : new String[] {"updateOpportunities", "deleteOpportunities"}) {
      long theirs = Opportunities.create(admin, minimal(otherOwner));
      String object = method.startsWith("update") ? ",\"amount\":\"5\"" : "";
      var answer =
          whileLocked(
              theirs,
              () ->
                  wire.call(
                      "{\"method\":\""
                          + method
                          + "\",\"params\":{\"objects\":[{\"id\":\""
                          + theirs
                          + "\""
                          + object
                          + "}]},\"id\":1}"));
      assertThat(answer.path("error").path(0).path("code").asInt())
          .as(method + ": " + answer)
          .isEqualTo(302);
    }
  }

  @Test
  void associationsOfAnotherOwnersLockedOpportunityAreNotFoundAtOnce() throws Exception {
    long theirs = Opportunities.create(admin, minimal(otherOwner));
    long association = admin.put("/opportunities/" + theirs + "/leads/71", "").id();
    admin.put("/opportunities/" + theirs + "/leads/72", "");
    long moved = admin.put("/opportunities/" + theirs + "/leads/73", "").id();
    long mine = Opportunities.create(salesperson, minimal(ownerOf(salespersonToken)));
    WireClient wire = WireClient.of(admin, salespersonToken);

    assertThat(
            whileLocked(theirs, () -> salesperson.delete("/opportunityLeads/" + association))
                .status())
        .isEqualTo(404);
    assertThat(
            whileLocked(theirs, () -> salesperson.delete("/opportunities/" + theirs + "/leads/72"))
                .status())
        .isEqualTo(404);
    assertThat(
            whileLocked(theirs, () -> salesperson.put("/opportunities/" + theirs + "/leads/74", ""))
                .status())
        .isEqualTo(404);
    var update =
        whileLocked(
            theirs,
            () ->
                wire.call(
                    "{\"method\":\"updateOpportunityLeads\",\"params\":{\"objects\":[{\"id\":\""
                        + moved
                        + "\",\"opportunityID\":\""
                        + mine
                        + "\"}]},\"id\":1}"));
    assertThat(update.path("error").path(0).path("code").asInt())
        .as(update.toString())
        .isEqualTo(302);
    var delete =
        whileLocked(
            theirs,
            () ->
                wire.call(
                    "{\"method\":\"deleteOpportunityLeads\",\"params\":{\"objects\":[{\"id\":\""
                        + association
                        + "\"}]},\"id\":1}"));
    assertThat(delete.path("error").path(0).path("code").asInt())
        .as(delete.toString())
        .isEqualTo(302);
    assertThat(admin.get("/opportunities/" + theirs + "/leads").json().path("items").size())
        .isEqualTo(3);
  }

  long ownerOf(String token) {
    String keyId = token.substring(0, token.indexOf('.'));
    return admin.get("/apiKeys/" + keyId).json().path("userID").asLong();
  }
}
