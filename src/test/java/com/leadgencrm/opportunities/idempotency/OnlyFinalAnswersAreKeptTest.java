package com.leadgencrm.opportunities.idempotency;

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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * An Idempotency-Key keeps only final answers, of the authenticated caller: never a refusal of the
 * credentials (401, code 105), of the rate limit (429) or of an unavailable or interrupted database
 * (503, any 5xx), and never a read. A value PostgreSQL refuses inside a keyed call answers what it
 * answers without the key.
 */
@IntegrationTest
class OnlyFinalAnswersAreKeptTest {

  @Autowired Api admin;
  @Autowired JdbcClient jdbc;

  static String createOpportunity(long owner) {
    return json(
        Map.of(
            "method",
            "createOpportunities",
            "params",
            Map.of("objects", List.of(minimal(owner))),
            "id",
            1));
  }

  int kept(String key) {
    return jdbc.sql("select count(*) from idempotency_record where idempotency_key = :key")
        .param("key", key)
        .query(Integer.class)
        .single();
  }

  int countOf(long owner) {
    return admin.get("/opportunities?limit=500&ownerID=" + owner).json().path("items").size();
  }

  static Reply post(Api client, String key, String body) {
    return client
        .request("POST", "/opportunities")
        .header("Idempotency-Key", key)
        .json(body)
        .send();
  }

  /** A key with a rate of 1 per second, its bucket emptied: its next request is refused 429. */
  static void exhaust(Supplier<Integer> request) {
    for (int i = 0; i < 10; i++) {
      if (request.get() == 429) {
        return;
      }
    }
    throw new AssertionError("the rate limit never refused a request");
  }

  @Test
  void aWireCreateRefusedByTheRateLimitIsNotReplayedAndItsRetryWrites() throws Exception {
    String token = Keys.create(admin, Role.SALES_MANAGER, 61, 1).json().path("token").asString();
    WireClient wire = WireClient.of(admin, token);
    long owner = uniqueOwner();
    String key = "wire-rate-" + UUID.randomUUID();
    String getStage = "{\"method\":\"getDealStage\",\"params\":{\"id\":1},\"id\":1}";
    JsonNode refused = null;
    for (int attempt = 0; attempt < 3 && refused == null; attempt++) {
      exhaust(() -> wire.call(getStage).path("error").path("code").asInt(0));
      JsonNode answer = wire.post(createOpportunity(owner), key).json();
      if (answer.path("error").path("code").asInt() == 429) {
        refused = answer;
      } else {
        // a token came back between the two requests: the create went through; start over
        assertThat(answer.path("error").isNull()).as(answer.toString()).isTrue();
        key = "wire-rate-" + UUID.randomUUID();
        owner = uniqueOwner();
        Thread.sleep(1100);
      }
    }
    assertThat(refused).as("a create refused by the rate limit").isNotNull();
    assertThat(kept(key)).isZero();

    Thread.sleep(1100);
    Reply retry = wire.post(createOpportunity(owner), key);
    assertThat(retry.header("Idempotent-Replayed")).isNull();
    assertThat(retry.json().path("error").isNull()).as(retry.body()).isTrue();
    assertThat(retry.json().path("result").path("creates").path(0).path("success").asBoolean())
        .isTrue();
    assertThat(countOf(owner)).isEqualTo(1);

    Thread.sleep(1100);
    Reply again = wire.post(createOpportunity(owner), key);
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(again.body()).isEqualTo(retry.body());
    assertThat(countOf(owner)).isEqualTo(1);
  }

  @Test
  void anAccountIdWithAWrongSecretClaimsNoKey() {
    String token = Keys.create(admin, Role.SALES_MANAGER, 62, null).json().path("token").asString();
    WireClient owner = WireClient.of(admin, token);
    WireClient impostor = owner.withSecret("not-the-secret-of-this-key-at-all");
    String key = "wire-impostor-" + UUID.randomUUID();

    JsonNode refused =
        impostor
            .post(
                "{\"method\":\"createDealStages\",\"params\":{\"objects\":[{\"dealStageName\":\"Impostor\"}]},\"id\":1}",
                key)
            .json();
    assertThat(refused.path("error").path("code").asInt()).isEqualTo(105);
    assertThat(kept(key)).isZero();

    long opportunityOwner = uniqueOwner();
    Reply own = owner.post(createOpportunity(opportunityOwner), key);
    assertThat(own.header("Idempotent-Replayed")).isNull();
    assertThat(own.json().path("error").isNull()).as(own.body()).isTrue();
    assertThat(countOf(opportunityOwner)).isEqualTo(1);
  }

  @Test
  void wireReadsAreNeverKept() {
    long id = com.leadgencrm.opportunities.opportunity.Opportunities.create(admin, minimal(63));
    WireClient wire = WireClient.of(admin, Api.ADMIN_TOKEN);
    for (String read :
        List.of(
            "{\"method\":\"getOpportunity\",\"params\":{\"id\":" + id + "},\"id\":1}",
            "{\"method\":\"getOpportunities\",\"params\":{\"where\":{\"ownerID\":63}},\"id\":1}",
            "{\"method\":\"getOpportunitiesDateRange\",\"params\":{\"startDate\":\"2020-01-01 00:00:00\","
                + "\"endDate\":\"2099-01-01 00:00:00\"},\"id\":1}",
            "{\"method\":\"getOpportunityLeads\",\"params\":{\"where\":{}},\"id\":1}",
            "{\"method\":\"getDealStages\",\"params\":{\"where\":{}},\"id\":1}",
            "{\"method\":\"getFields\",\"params\":{\"where\":{}},\"id\":1}")) {
      String key = "wire-read-" + UUID.randomUUID();
      Reply first = wire.post(read, key);
      Reply second = wire.post(read, key);
      assertThat(first.json().path("error").isNull()).as(read + " " + first.body()).isTrue();
      assertThat(second.header("Idempotent-Replayed")).as(read).isNull();
      assertThat(kept(key)).as(read).isZero();
    }
  }

  @Test
  void restAnswersToBadCredentialsAndOverTheRateLimitAreNotKept() {
    long owner = uniqueOwner();
    String body = json(minimal(owner));
    String key = "rest-401-" + UUID.randomUUID();
    assertThat(post(admin.as("test_admin.wrong-secret-0123456789"), key, body).status())
        .isEqualTo(401);
    assertThat(kept(key)).isZero();
    Reply created = post(admin, key, body);
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("Idempotent-Replayed")).isNull();

    Api limited =
        admin.as(Keys.create(admin, Role.SALES_MANAGER, 64, 1).json().path("token").asString());
    String limitedKey = "rest-429-" + UUID.randomUUID();
    long limitedOwner = uniqueOwner();
    String limitedBody = json(minimal(limitedOwner));
    Reply refused = null;
    for (int attempt = 0; attempt < 3 && refused == null; attempt++) {
      exhaust(() -> limited.get("/dealStages/1").status());
      Reply reply = post(limited, limitedKey, limitedBody);
      if (reply.status() == 429) {
        refused = reply;
      } else {
        limitedKey = "rest-429-" + UUID.randomUUID();
        limitedOwner = uniqueOwner();
        limitedBody = json(minimal(limitedOwner));
      }
    }
    assertThat(refused).isNotNull();
    assertThat(kept(limitedKey)).isZero();
    sleep(1100);
    Reply retried = post(limited, limitedKey, limitedBody);
    assertThat(retried.status()).as(retried.body()).isEqualTo(201);
    assertThat(retried.header("Idempotent-Replayed")).isNull();
    assertThat(countOf(limitedOwner)).isEqualTo(1);
  }

  @Test
  void aWriteTheDatabaseCutShortIsNotKeptOverRestOrTheWireProtocol() throws Exception {
    long restOwner = uniqueOwner();
    String restKey = "rest-503-" + UUID.randomUUID();
    Api tolerant = admin.as(Api.ADMIN_TOKEN).expectServerErrors(true);
    Reply restCut = cutShort(() -> post(tolerant, restKey, json(minimal(restOwner))));
    assertThat(restCut.status()).as(restCut.body()).isEqualTo(503);
    assertThat(restCut.header("Retry-After")).isNotNull();
    assertThat(kept(restKey)).isZero();
    Reply restRetry = post(admin, restKey, json(minimal(restOwner)));
    assertThat(restRetry.status()).isEqualTo(201);
    assertThat(restRetry.header("Idempotent-Replayed")).isNull();
    assertThat(countOf(restOwner)).isEqualTo(1);

    WireClient wire = WireClient.of(admin, Api.ADMIN_TOKEN);
    long wireOwner = uniqueOwner();
    String wireKey = "wire-503-" + UUID.randomUUID();
    Reply wireCut = cutShort(() -> wire.post(createOpportunity(wireOwner), wireKey));
    assertThat(wireCut.json().path("error").path("code").asInt()).as(wireCut.body()).isEqualTo(503);
    assertThat(kept(wireKey)).isZero();
    Reply wireRetry = wire.post(createOpportunity(wireOwner), wireKey);
    assertThat(wireRetry.header("Idempotent-Replayed")).isNull();
    assertThat(wireRetry.json().path("error").isNull()).as(wireRetry.body()).isTrue();
    assertThat(countOf(wireOwner)).isEqualTo(1);
  }

  /** A write that waits for a lock and has its statement cancelled by the database. */
  static Reply cutShort(Supplier<Reply> write) throws Exception {
    CompletableFuture<Reply> reply;
    try (HeldLocks locks = HeldLocks.take("lock table crm.opportunity in share mode")) {
      reply = CompletableFuture.supplyAsync(write);
      long deadline = System.nanoTime() + 4_000_000_000L;
      while (locks.waiting() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      locks.cancelWaiting();
      Reply answered = reply.get();
      return answered;
    }
  }

  @Test
  void aValuePostgresqlRefusesInAKeyedWireCallIsInvalidParametersAsWithoutTheKey() {
    WireClient wire = WireClient.of(admin, Api.ADMIN_TOKEN);
    Map<String, Object> nul = new java.util.HashMap<>(minimal(uniqueOwner()));
    nul.put("opportunityName", "Nul\u0000byte");
    Map<String, Object> decimals = new java.util.HashMap<>(minimal(uniqueOwner()));
    decimals.put("amount", "12.3456789012345678901234567890");
    // more fraction digits than PostgreSQL's numeric holds (16383)
    String tooManyDecimals = "0." + "0".repeat(17000) + "1";
    SoftAssertions softly = new SoftAssertions();
    for (Map<String, Object> call :
        List.of(
            Map.of("method", "createOpportunities", "params", Map.of("objects", List.of(nul))),
            Map.of("method", "createOpportunities", "params", Map.of("objects", List.of(decimals))),
            Map.of(
                "method",
                "getOpportunities",
                "params",
                Map.of("where", Map.of("opportunityName", "a\u0000b"))),
            Map.of(
                "method",
                "getOpportunities",
                "params",
                Map.of("where", Map.of("amount", tooManyDecimals))))) {
      Map<String, Object> envelope = new java.util.HashMap<>(call);
      envelope.put("id", 1);
      String body = json(envelope);
      String what = call.get("method") + " " + body.substring(0, Math.min(200, body.length()));
      JsonNode unkeyed = wire.post(body, null).json();
      String key = "wire-refused-" + UUID.randomUUID();
      JsonNode keyed = wire.post(body, key).json();
      JsonNode retried = wire.post(body, key).json();
      softly.assertThat(keyed).as("keyed " + what).isEqualTo(unkeyed);
      softly.assertThat(retried).as("retried " + what).isEqualTo(unkeyed);
      JsonNode error = unkeyed.path("error");
      softly
          .assertThat((error.isArray() ? error.path(0) : error).path("code").asInt())
          .as(what + ": " + unkeyed)
          .isEqualTo(205);
    }
    softly.assertAll();
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
