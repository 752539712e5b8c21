package com.leadgencrm.opportunities.multiinstance;

import static com.leadgencrm.opportunities.opportunity.Opportunities.create;
import static com.leadgencrm.opportunities.opportunity.Opportunities.minimal;
import static com.leadgencrm.opportunities.opportunity.Opportunities.uniqueOwner;
import static com.leadgencrm.opportunities.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.core.Role;
import com.leadgencrm.opportunities.core.ServerSecrets;
import com.leadgencrm.opportunities.security.Keys;
import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Api.Reply;
import com.leadgencrm.opportunities.support.Instances;
import com.leadgencrm.opportunities.support.IntegrationTest;
import com.leadgencrm.opportunities.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances of the service on two ports, one database: retries, stale writes, atomic batches,
 * rate limits behave as they do with one; key revocations, role changes and new custom fields reach
 * the other instance within the key cache's max staleness, connected or not.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesTest {

  @Autowired Api a;
  @Autowired ApplicationContext first;
  Api b;
  ConfigurableApplicationContext second;

  @BeforeAll
  void startSecondInstance() {
    TestDatabase.Target database = TestDatabase.target();
    // command-line arguments: they win over application.yml (default properties would not)
    second = Instances.start(database, "--spring.datasource.hikari.maximum-pool-size=4");
    b = Api.onPort(((WebServerApplicationContext) second).getWebServer().getPort());
  }

  @AfterAll
  void stopSecondInstance() {
    second.close();
  }

  @Test
  void aRetryReachingTheOtherInstanceIsReplayed() {
    long owner = uniqueOwner();
    String key = UUID.randomUUID().toString();
    String body = json(minimal(owner));
    Reply first =
        a.request("POST", "/opportunities").header("Idempotency-Key", key).json(body).send();
    Reply retry =
        b.request("POST", "/opportunities").header("Idempotency-Key", key).json(body).send();

    assertThat(first.status()).isEqualTo(201);
    assertThat(retry.status()).isEqualTo(201);
    assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(retry.body()).isEqualTo(first.body());
    assertThat(b.get("/opportunities?ownerID=" + owner).json().path("items").size()).isEqualTo(1);
  }

  @Test
  void aRetryWhileTheFirstRunsOnTheOtherInstanceIsConflict() throws Exception {
    long owner = uniqueOwner();
    String key = UUID.randomUUID().toString();
    String body = json(minimal(owner));
    TestDatabase.Target database = TestDatabase.target();
    CompletableFuture<Reply> first;
    try (Connection blocker =
        DriverManager.getConnection(database.url(), database.username(), database.password())) {
      blocker.setAutoCommit(false);
      blocker.createStatement().execute("lock table crm.opportunity in share mode");
      first =
          CompletableFuture.supplyAsync(
              () ->
                  a.request("POST", "/opportunities")
                      .header("Idempotency-Key", key)
                      .json(body)
                      .send());
      Thread.sleep(700);
      assertThat(
              b.request("POST", "/opportunities")
                  .header("Idempotency-Key", key)
                  .json(body)
                  .send()
                  .status())
          .isEqualTo(409);
      blocker.rollback();
    }
    assertThat(first.get().status()).isEqualTo(201);
  }

  @Test
  void aStaleWriteThroughTheOtherInstanceIsRefused() {
    long id = create(a, minimal(uniqueOwner()));
    String etag = a.get("/opportunities/" + id).header("ETag");
    assertThat(b.patch("/opportunities/" + id, json(Map.of("amount", 1))).status()).isEqualTo(200);

    Reply stale =
        a.request("PATCH", "/opportunities/" + id)
            .header("If-Match", etag)
            .body("application/merge-patch+json", json(Map.of("amount", 2)))
            .send();
    assertThat(stale.status()).isEqualTo(412);
    assertThat(b.get("/opportunities/" + id).json().path("amount").asInt()).isEqualTo(1);
    assertThat(
            b.request("GET", "/opportunities/" + id)
                .header("If-None-Match", a.get("/opportunities/" + id).header("ETag"))
                .send()
                .status())
        .isEqualTo(304);
  }

  @Test
  void concurrentPatchesThroughBothInstancesAllLand() throws Exception {
    long id = create(a, minimal(uniqueOwner()));
    CompletableFuture<Void> viaA =
        CompletableFuture.runAsync(
            () -> {
              for (int i = 1; i <= 20; i++) {
                assertThat(a.patch("/opportunities/" + id, json(Map.of("accountID", i))).status())
                    .isEqualTo(200);
              }
            });
    CompletableFuture<Void> viaB =
        CompletableFuture.runAsync(
            () -> {
              for (int i = 1; i <= 20; i++) {
                assertThat(b.patch("/opportunities/" + id, json(Map.of("campaignID", i))).status())
                    .isEqualTo(200);
              }
            });
    viaA.get();
    viaB.get();
    Reply result = a.get("/opportunities/" + id);
    assertThat(result.json().path("accountID").asInt()).isEqualTo(20);
    assertThat(result.json().path("campaignID").asInt()).isEqualTo(20);
  }

  @Test
  void anAtomicBatchOnTheOtherInstanceIsStillAllOrNothing() {
    long owner = uniqueOwner();
    Map<String, Object> invalid = minimal(owner);
    invalid.remove("closeDate");
    Reply reply =
        b.post(
            "/opportunities/batch?atomic=true",
            json(Map.of("items", List.of(minimal(owner), minimal(owner), invalid))));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(a.get("/opportunities?ownerID=" + owner).json().path("items").isEmpty()).isTrue();
  }

  /**
   * The longest a change to a key or a field may take to reach another instance (the default of
   * crm.security.key-cache-max-staleness). Not a guess at how fast this machine is: an instance
   * whose listener has not confirmed within this time that it has every earlier change (loaded,
   * disconnected) checks keys in the database instead, so a request sent this long after the change
   * returned sees it, however loaded the machine. (Without notifications, an instance whose
   * heartbeats answer in time would keep trusting what it holds, and these tests would fail.)
   */
  static final Duration MAX_STALENESS = Duration.ofMillis(100);

  /** Polls until seen, and asserts that a request sent MAX_STALENESS after the change sees it. */
  static void seenWithinMaxStaleness(long changedNanos, BooleanSupplier seen, String what) {
    long deadline = changedNanos + MAX_STALENESS.toNanos();
    while (System.nanoTime() < deadline) {
      if (seen.getAsBoolean()) {
        return;
      }
    }
    assertThat(seen.getAsBoolean()).as(what + " within " + MAX_STALENESS).isTrue();
  }

  @Test
  void aKeyRevokedOnOneInstanceIsRefusedByTheOtherWithinTheMaxStaleness() {
    Reply key = Keys.create(a, Role.SALES_MANAGER, 99, null);
    Api viaB = b.as(key.json().path("token").asString());
    assertThat(viaB.get("/dealStages").status()).isEqualTo(200);
    assertThat(viaB.get("/dealStages").status()).isEqualTo(200);
    assertThat(a.delete("/apiKeys/" + key.json().path("id").asString()).status()).isEqualTo(204);
    long revoked = System.nanoTime();
    seenWithinMaxStaleness(
        revoked, () -> viaB.get("/dealStages").status() == 401, "revocation refused by B");
    // and by A, which revoked it, at once
    assertThat(a.as(key.json().path("token").asString()).get("/dealStages").status())
        .isEqualTo(401);
  }

  @Test
  void aRoleChangedInTheDatabaseIsSeenByBothInstancesWithinTheMaxStaleness() throws Exception {
    Reply key = Keys.create(a, Role.ADMINISTRATOR, 97, null);
    String token = key.json().path("token").asString();
    assertThat(b.as(token).get("/apiKeys").status()).isEqualTo(200);
    assertThat(a.as(token).get("/apiKeys").status()).isEqualTo(200);
    TestDatabase.Target database = TestDatabase.target();
    try (Connection admin =
        DriverManager.getConnection(database.url(), database.username(), database.password())) {
      // by hand, not through the service: the database announces it all the same
      var update =
          admin.prepareStatement("update crm.api_key set role = 'SALESPERSON' where key_id = ?");
      update.setString(1, key.json().path("id").asString());
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
    long changed = System.nanoTime();
    seenWithinMaxStaleness(
        changed, () -> b.as(token).get("/apiKeys").status() == 403, "new role on B");
    seenWithinMaxStaleness(
        changed, () -> a.as(token).get("/apiKeys").status() == 403, "new role on A");
  }

  /**
   * While a key is cached, checking it reads nothing: a request is answered while the key table is
   * locked against every reader. (An instance may stop trusting its cache for a moment, when its
   * heartbeat is late on a loaded machine: such a request waits for the lock, and the test tries
   * again.)
   */
  @Test
  void aCachedKeyIsCheckedWithoutReadingTheKeyTable() throws Exception {
    String token = Keys.create(a, Role.SALESPERSON, 96, null).json().path("token").asString();
    Api viaB = b.as(token);
    assertThat(viaB.get("/dealStages").status()).isEqualTo(200);
    assertThat(answeredWhileTheKeyTableIsLocked(viaB)).isTrue();
    // and the metrics say so
    assertThat(b.get("/actuator/prometheus").body().lines())
        .anyMatch(line -> line.matches("crm_key_checks_total\\{.*answered=\"cache\".*} [1-9].*"))
        .anyMatch(line -> line.startsWith("crm_key_cache_size "));
  }

  /** Whether one of a few requests is answered while api_key is locked against readers. */
  static boolean answeredWhileTheKeyTableIsLocked(Api client) throws Exception {
    TestDatabase.Target database = TestDatabase.target();
    for (int attempt = 0; attempt < 5; attempt++) {
      AtomicBoolean released = new AtomicBoolean();
      try (Connection locker =
          DriverManager.getConnection(database.url(), database.username(), database.password())) {
        locker.setAutoCommit(false);
        locker.createStatement().execute("lock table crm.api_key in access exclusive mode");
        CompletableFuture<Void> release =
            CompletableFuture.runAsync(
                () -> {
                  released.set(true);
                  try {
                    locker.rollback();
                  } catch (SQLException e) {
                    throw new IllegalStateException(e);
                  }
                },
                CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS));
        int status = client.get("/dealStages").status();
        boolean whileLocked = !released.get();
        release.join();
        if (status == 200 && whileLocked) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The listeners' connections are killed: until they listen again, the instances check every key
   * in the database, so a key revoked meanwhile is refused at once; then they listen again, and
   * cache again.
   */
  @Test
  void aKeyRevokedWhileTheListenersAreDisconnectedIsRefusedAtOnce() throws Exception {
    Reply key = Keys.create(a, Role.SALES_MANAGER, 95, null);
    Api viaB = b.as(key.json().path("token").asString());
    assertThat(viaB.get("/dealStages").status()).isEqualTo(200);
    assertThat(viaB.get("/dealStages").status()).isEqualTo(200);
    TestDatabase.Target database = TestDatabase.target();
    try (Connection admin =
        DriverManager.getConnection(database.url(), database.username(), database.password())) {
      String listeners =
          "from pg_stat_activity where application_name = 'crm-cache-listener'"
              + " and datname = current_database()";
      ResultSet killed =
          admin
              .createStatement()
              .executeQuery(
                  "select count(*) filter (where pg_terminate_backend(pid, 5000)) " + listeners);
      killed.next();
      // one per instance: these two, and those of other test contexts on the same database
      int instances = killed.getInt(1);
      assertThat(instances).as("listeners killed").isGreaterThanOrEqualTo(2);

      assertThat(a.delete("/apiKeys/" + key.json().path("id").asString()).status()).isEqualTo(204);
      assertThat(viaB.get("/dealStages").status()).isEqualTo(401);

      // they listen again (after 0.1 s), and B caches keys again, and learns of revocations
      Instant deadline = Instant.now().plusSeconds(10);
      int listening = 0;
      while (listening < instances && Instant.now().isBefore(deadline)) {
        Thread.sleep(50);
        ResultSet count = admin.createStatement().executeQuery("select count(*) " + listeners);
        count.next();
        listening = count.getInt(1);
      }
      assertThat(listening).as("listeners reconnected").isEqualTo(instances);
    }
    Reply again = Keys.create(a, Role.SALES_MANAGER, 95, null);
    Api againViaB = b.as(again.json().path("token").asString());
    assertThat(againViaB.get("/dealStages").status()).isEqualTo(200);
    assertThat(answeredWhileTheKeyTableIsLocked(againViaB)).isTrue();
    assertThat(a.delete("/apiKeys/" + again.json().path("id").asString()).status()).isEqualTo(204);
    seenWithinMaxStaleness(
        System.nanoTime(), () -> againViaB.get("/dealStages").status() == 401, "revocation on B");
  }

  @Test
  void aKeysRateLimitIsSharedByBothInstances() {
    String token = Keys.create(a, Role.SALES_MANAGER, 98, 1).json().path("token").asString();
    Api viaA = a.as(token);
    Api viaB = b.as(token);
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      statuses.add(viaA.get("/dealStages/1").status());
      statuses.add(viaB.get("/dealStages/1").status());
    }
    assertThat(statuses.subList(0, 2)).containsOnly(200);
    assertThat(statuses).contains(429);
  }

  @Test
  void aFieldChangedOnOneInstanceIsSeenByTheOtherWithinTheMaxStaleness() {
    Map<String, Object> field = new HashMap<>();
    field.put("relationship", "opportunity");
    field.put("label", "Shared field");
    field.put("dataType", "text");
    field.put("dataLength", 10);
    for (String flag : List.of("isRequired", "isAvailableInForms")) {
      field.put(flag, false);
    }
    for (String flag :
        List.of(
            "isCustom", "isActive", "isAvailableInContactManager", "isEditableInContactManager")) {
      field.put(flag, true);
    }
    // B has read the definitions before the field exists (it caches them)
    long existing = create(b, minimal(uniqueOwner()));
    int propertiesBefore = b.get("/opportunities/" + existing).json().size();
    Reply created = a.post("/fields", json(field));
    long changed = System.nanoTime();
    try {
      String name = created.json().path("systemName").asString();
      seenWithinMaxStaleness(
          changed, () -> b.get("/opportunities/" + existing).json().has(name), "new field on B");
      Reply read = b.get("/opportunities/" + existing);
      assertThat(read.json().size()).isEqualTo(propertiesBefore + 1);
      Map<String, Object> opportunity = minimal(uniqueOwner());
      opportunity.put(name, "on B");
      Reply reply = b.post("/opportunities", json(opportunity));
      assertThat(reply.status()).isEqualTo(201);
      assertThat(a.get("/opportunities/" + reply.id()).json().path(name).asString())
          .isEqualTo("on B");

      // deactivated on A: B stops returning it within the max staleness; a write checks the
      // definitions as committed, so B refuses it at once
      assertThat(a.patch("/fields/" + created.id(), json(Map.of("isActive", false))).status())
          .isEqualTo(200);
      long deactivated = System.nanoTime();
      Reply rejected = b.patch("/opportunities/" + reply.id(), json(Map.of(name, "again")));
      seenWithinMaxStaleness(
          deactivated,
          () -> !b.get("/opportunities/" + reply.id()).json().has(name),
          "deactivation on B");
      assertThat(rejected.status()).isEqualTo(400);
      assertThat(rejected.body()).contains(name);
      rejected = b.patch("/opportunities/" + reply.id(), json(Map.of(name, "again")));
      assertThat(rejected.status()).isEqualTo(400);
      assertThat(rejected.body()).contains(name);
    } finally {
      a.delete("/fields/" + created.id());
    }
  }

  @Test
  void aFieldCreatedOnOneInstanceIsInTheOtherInstancesDocumentAtOnce() {
    Map<String, Object> field = new HashMap<>();
    field.put("relationship", "opportunity");
    field.put("label", "Documented field");
    field.put("dataType", "integer");
    field.put("dataLength", 18);
    for (String flag : List.of("isRequired", "isAvailableInForms")) {
      field.put(flag, false);
    }
    for (String flag :
        List.of(
            "isCustom", "isActive", "isAvailableInContactManager", "isEditableInContactManager")) {
      field.put(flag, true);
    }
    // B has built its document before the field exists
    assertThat(b.get("/v3/api-docs").status()).isEqualTo(200);
    Reply created = a.post("/fields", json(field));
    String name = created.json().path("systemName").asString();
    try {
      assertThat(
              b.get("/v3/api-docs")
                  .json()
                  .path("components")
                  .path("schemas")
                  .path("Opportunity")
                  .path("properties")
                  .path(name)
                  .path("type")
                  .asString())
          .isEqualTo("integer");
    } finally {
      a.delete("/fields/" + created.id());
    }
    assertThat(
            b.get("/v3/api-docs")
                .json()
                .path("components")
                .path("schemas")
                .path("Opportunity")
                .path("properties")
                .has(name))
        .isFalse();
  }

  @Test
  void aCursorIssuedByOneInstanceIsFollowedByTheOther() {
    long owner = uniqueOwner();
    for (int i = 0; i < 3; i++) {
      create(a, minimal(owner));
    }
    String query = "/opportunities?ownerID=" + owner + "&limit=1&sort=createTimestamp";
    String cursor = a.get(query).json().path("nextCursor").asString();
    Reply next = b.get(query + "&cursor=" + cursor);
    assertThat(next.status()).as(next.body()).isEqualTo(200);
    String last = next.json().path("nextCursor").asString();
    assertThat(a.get(query + "&cursor=" + last).status()).isEqualTo(200);
  }

  @Test
  void bothInstancesGenerateOneAndTheSameSecret() {
    // a secret neither has yet, asked for by both at once: one is generated, both hold it
    String name = "race_" + Long.toHexString(System.nanoTime());
    List<ServerSecrets> instances =
        List.of(first.getBean(ServerSecrets.class), second.getBean(ServerSecrets.class));
    List<CompletableFuture<byte[]>> asked = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      ServerSecrets secrets = instances.get(i % 2);
      asked.add(CompletableFuture.supplyAsync(() -> secrets.get(name)));
    }
    byte[] secret = asked.get(0).join();
    assertThat(secret).hasSize(32);
    asked.forEach(each -> assertThat(each.join()).isEqualTo(secret));
  }
}
