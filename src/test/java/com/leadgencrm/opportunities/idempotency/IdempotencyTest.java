package com.leadgencrm.opportunities.idempotency;

import static com.leadgencrm.opportunities.opportunity.Opportunities.minimal;
import static com.leadgencrm.opportunities.opportunity.Opportunities.uniqueOwner;
import static com.leadgencrm.opportunities.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.core.Role;
import com.leadgencrm.opportunities.security.Keys;
import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Api.Reply;
import com.leadgencrm.opportunities.support.IntegrationTest;
import com.leadgencrm.opportunities.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class IdempotencyTest {

  @Autowired Api api;
  @Autowired JdbcClient jdbc;

  Reply post(Api client, String path, String key, String body) {
    return client.request("POST", path).header("Idempotency-Key", key).json(body).send();
  }

  int countOf(long owner) {
    return api.get("/opportunities?limit=500&ownerID=" + owner).json().path("items").size();
  }

  @Test
  void retryReplaysTheFirstAnswerExactlyAndWritesNothing() {
    long owner = uniqueOwner();
    String key = UUID.randomUUID().toString();
    String body = json(minimal(owner));
    Reply first = post(api, "/opportunities", key, body);
    Reply retry = post(api, "/opportunities", key, body);

    assertThat(first.status()).isEqualTo(201);
    assertThat(first.header("Idempotent-Replayed")).isNull();
    assertThat(retry.status()).isEqualTo(201);
    assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(retry.body()).isEqualTo(first.body());
    assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
    assertThat(retry.header("ETag")).isEqualTo(first.header("ETag"));
    assertThat(retry.header("Content-Type")).isEqualTo(first.header("Content-Type"));
    assertThat(countOf(owner)).isEqualTo(1);
  }

  @Test
  void sameKeyWithAnotherBodyIsUnprocessable() {
    String key = UUID.randomUUID().toString();
    assertThat(post(api, "/opportunities", key, json(minimal(uniqueOwner()))).status())
        .isEqualTo(201);
    long other = uniqueOwner();
    Reply reply = post(api, "/opportunities", key, json(minimal(other)));
    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    assertThat(countOf(other)).isZero();
  }

  @Test
  void retryWhileTheFirstStillRunsIsConflict() throws Exception {
    long owner = uniqueOwner();
    String key = UUID.randomUUID().toString();
    String body = json(minimal(owner));
    TestDatabase.Target database = TestDatabase.target();
    CompletableFuture<Reply> first;
    try (Connection blocker =
        DriverManager.getConnection(database.url(), database.username(), database.password())) {
      // hold the first request inside its transaction: writes wait for this lock
      blocker.setAutoCommit(false);
      blocker.createStatement().execute("lock table crm.opportunity in share mode");
      first = CompletableFuture.supplyAsync(() -> post(api, "/opportunities", key, body));
      Thread.sleep(700);
      Reply retry = post(api, "/opportunities", key, body);
      assertThat(retry.status()).isEqualTo(409);
      assertThat(retry.header("Content-Type")).startsWith("application/problem+json");
      blocker.rollback();
    }
    assertThat(first.get().status()).isEqualTo(201);
    assertThat(post(api, "/opportunities", key, body).header("Idempotent-Replayed"))
        .isEqualTo("true");
    assertThat(countOf(owner)).isEqualTo(1);
  }

  @Test
  void keysBelongToTheirApiKey() {
    long owner = uniqueOwner();
    String key = UUID.randomUUID().toString();
    Api other = Keys.client(api, Role.SALES_MANAGER, 77);
    assertThat(post(api, "/opportunities", key, json(minimal(owner))).status()).isEqualTo(201);
    Reply otherReply = post(other, "/opportunities", key, json(minimal(owner)));
    assertThat(otherReply.status()).isEqualTo(201);
    assertThat(otherReply.header("Idempotent-Replayed")).isNull();
    assertThat(countOf(owner)).isEqualTo(2);
  }

  @Test
  void refusalsAreReplayedToo() {
    String key = UUID.randomUUID().toString();
    Reply first = post(api, "/opportunities", key, "{}");
    Reply retry = post(api, "/opportunities", key, "{}");
    assertThat(first.status()).isEqualTo(400);
    assertThat(retry.status()).isEqualTo(400);
    assertThat(retry.body()).isEqualTo(first.body());
    assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
  }

  @Test
  void batchesAreIdempotent() {
    long owner = uniqueOwner();
    String key = UUID.randomUUID().toString();
    String body = json(Map.of("items", List.of(minimal(owner), minimal(owner), Map.of())));
    Reply first = post(api, "/opportunities/batch", key, body);
    Reply retry = post(api, "/opportunities/batch", key, body);
    assertThat(first.status()).isEqualTo(200);
    assertThat(retry.body()).isEqualTo(first.body());
    assertThat(countOf(owner)).isEqualTo(2);

    String atomicKey = UUID.randomUUID().toString();
    String atomic = json(Map.of("items", List.of(minimal(owner), Map.of())));
    assertThat(
            api.request("POST", "/opportunities/batch?atomic=true")
                .header("Idempotency-Key", atomicKey)
                .json(atomic)
                .send()
                .status())
        .isEqualTo(400);
    assertThat(countOf(owner)).isEqualTo(2);
  }

  @Test
  void answersExpireAfter24Hours() {
    long owner = uniqueOwner();
    String key = UUID.randomUUID().toString();
    String body = json(minimal(owner));
    Reply first = post(api, "/opportunities", key, body);
    jdbc.sql(
            "update idempotency_record set created_at = now() - interval '25 hours' where idempotency_key = :key")
        .param("key", key)
        .update();
    Reply later = post(api, "/opportunities", key, body);
    assertThat(later.status()).isEqualTo(201);
    assertThat(later.header("Idempotent-Replayed")).isNull();
    assertThat(later.id()).isNotEqualTo(first.id());
  }

  @Test
  void rejectsMalformedKeys() {
    Reply reply =
        api.request("POST", "/opportunities")
            .header("Idempotency-Key", "x".repeat(256))
            .json(json(minimal(uniqueOwner())))
            .send();
    assertThat(reply.status()).isEqualTo(400);
  }
}
