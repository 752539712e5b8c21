package com.leadgencrm.opportunities.webhook;

import static com.leadgencrm.opportunities.event.SyntheticEvents.dealStage;
import static com.leadgencrm.opportunities.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.leadgencrm.opportunities.core.Caller;
import com.leadgencrm.opportunities.core.Role;
import com.leadgencrm.opportunities.event.EventRecorder;
import com.leadgencrm.opportunities.event.EventType;
import com.leadgencrm.opportunities.event.SyntheticEvents;
import com.leadgencrm.opportunities.opportunity.Opportunities;
import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.IntegrationTest;
import com.leadgencrm.opportunities.support.TestClock;
import com.standardwebhooks.Webhook;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.JsonNode;

/**
 * Deliveries to real receivers: signed, retried on schedule, one endpoint never holding another.
 */
@IntegrationTest
class WebhookDeliveryTest {

  static final Caller ADMIN = new Caller("key_test", 1, Role.ADMINISTRATOR);
  static final Duration SOON = Duration.ofSeconds(10);

  @Autowired Api api;
  @Autowired EventRecorder recorder;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired JdbcClient jdbc;
  @Autowired TestClock clock;

  SyntheticEvents events;
  final List<Receiver> receivers = new ArrayList<>();
  final List<Long> webhooks = new ArrayList<>();

  @BeforeEach
  void setUp() {
    events = new SyntheticEvents(recorder, transactionManager, jdbc);
  }

  @AfterEach
  void tearDown() {
    webhooks.forEach(id -> api.delete("/webhooks/" + id));
    receivers.forEach(Receiver::close);
    clock.reset();
    events.cleanUp();
  }

  Receiver receiver() throws Exception {
    Receiver receiver = new Receiver();
    receivers.add(receiver);
    return receiver;
  }

  JsonNode webhook(Receiver receiver, String... types) {
    Api.Reply created =
        api.post("/webhooks", json(Map.of("url", receiver.url(), "types", List.of(types))));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    webhooks.add(created.id());
    return created.json();
  }

  long stageCreated() {
    long id = SyntheticEvents.nextId();
    events.inTransaction(
        ADMIN, r -> r.record(EventType.DEAL_STAGE_CREATED, id, null, dealStage(id, "W" + id)));
    return id;
  }

  JsonNode eventOf(long resourceId) {
    return api.get("/events?resourceID=" + resourceId).json().path("items").get(0);
  }

  List<JsonNode> deliveries(long webhookId) {
    List<JsonNode> deliveries = new ArrayList<>();
    api.get("/webhooks/" + webhookId + "/deliveries").json().path("items").forEach(deliveries::add);
    return deliveries;
  }

  @Test
  void largeEventsAreEachDeliveredWhole() throws Exception {
    // a round holds the bodies of its deliveries at once: it takes as many as fit in 4 MiB
    Receiver receiver = receiver();
    webhook(receiver, "dealStage.*");
    String large = "y".repeat(1_000_000);
    List<Long> ids = new ArrayList<>();
    events.inTransaction(
        ADMIN,
        r -> {
          for (int i = 0; i < 8; i++) {
            long id = SyntheticEvents.nextId();
            ids.add(id);
            r.record(EventType.DEAL_STAGE_CREATED, id, null, dealStage(id, large));
          }
          return null;
        });
    List<Long> received = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      Receiver.Request request = receiver.next(SOON);
      assertThat(request).as("delivery %d of %d", i + 1, ids.size()).isNotNull();
      JsonNode event = Api.JSON.readTree(request.body());
      assertThat(event.path("data").path("dealStageName").asString()).isEqualTo(large);
      received.add(event.path("resource").path("id").asLong());
    }
    assertThat(received).containsExactlyInAnyOrderElementsOf(ids);
  }

  @Test
  void eachEventIsPostedSignedAsStandardWebhooksSays() throws Exception {
    Receiver receiver = receiver();
    receiver.answer = "thanks " + "x".repeat(5000);
    JsonNode webhook = webhook(receiver, "dealStage.*");
    long stage = stageCreated();

    Receiver.Request request = receiver.next(SOON);
    assertThat(request).isNotNull();
    JsonNode event = eventOf(stage);
    assertThat(Api.JSON.readTree(request.body())).isEqualTo(event);
    assertThat(request.header("content-type")).isEqualTo("application/json");
    assertThat(request.header("webhook-id")).isEqualTo(event.path("id").asString());
    assertThat(Long.parseLong(request.header("webhook-timestamp")))
        .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(30L));
    assertThat(request.header("webhook-signature")).startsWith("v1,");
    assertThat(request.header("ce-id")).isEqualTo(event.path("id").asString());
    assertThat(request.header("ce-type")).isEqualTo("dealStage.created");
    // the reference implementation of Standard Webhooks verifies what was sent
    new Webhook(webhook.path("secret").asString()).verify(request.body(), headers(request));

    long id = webhook.path("id").asLong();
    await()
        .atMost(SOON)
        .until(() -> deliveries(id).get(0).path("status").asString().equals("succeeded"));
    JsonNode delivery = deliveries(id).get(0);
    assertThat(delivery.path("eventID").asLong()).isEqualTo(event.path("id").asLong());
    assertThat(delivery.path("eventType").asString()).isEqualTo("dealStage.created");
    assertThat(delivery.path("attemptCount").asInt()).isEqualTo(1);
    assertThat(delivery.path("nextAttemptAt").isNull()).isTrue();
    JsonNode attempt = delivery.path("attempts").get(0);
    assertThat(attempt.path("statusCode").asInt()).isEqualTo(200);
    assertThat(attempt.path("error").isNull()).isTrue();
    assertThat(attempt.path("responseBody").asString()).startsWith("thanks xxx").hasSize(1024);

    // types decide: a field event is not for this endpoint
    long field = SyntheticEvents.nextId();
    events.inTransaction(
        ADMIN,
        r ->
            r.record(
                EventType.FIELD_CREATED, field, null, Map.of("id", field, "label", "Contract")));
    long next = stageCreated();
    Receiver.Request second = receiver.next(SOON);
    assertThat(second.header("webhook-id")).isEqualTo(eventOf(next).path("id").asString());
    assertThat(receiver.next(Duration.ofMillis(500))).isNull();
  }

  static Map<String, List<String>> headers(Receiver.Request request) {
    return Map.of(
        "webhook-id", List.of(request.header("webhook-id")),
        "webhook-timestamp", List.of(request.header("webhook-timestamp")),
        "webhook-signature", List.of(request.header("webhook-signature")));
  }

  @Test
  void aFailingDeliveryIsRetriedOnScheduleThenFailedAndFiveDaysOfFailureDeactivate()
      throws Exception {
    Receiver receiver = receiver();
    receiver.status = 503;
    receiver.answer = "down for maintenance";
    long id = webhook(receiver, "dealStage.created").path("id").asLong();
    stageCreated();

    List<Duration> waits = new ArrayList<>();
    for (int attempt = 1; attempt <= 8; attempt++) {
      int expected = attempt;
      await()
          .atMost(SOON)
          .until(
              () -> {
                List<JsonNode> all = deliveries(id);
                return !all.isEmpty() && all.get(0).path("attemptCount").asInt() == expected;
              });
      JsonNode delivery = deliveries(id).get(0);
      JsonNode last = delivery.path("attempts").get(attempt - 1);
      assertThat(last.path("statusCode").asInt()).isEqualTo(503);
      assertThat(last.path("error").asString()).isEqualTo("HTTP 503");
      assertThat(last.path("responseBody").asString()).isEqualTo("down for maintenance");
      if (attempt < 8) {
        assertThat(delivery.path("status").asString()).isEqualTo("pending");
        Duration wait =
            Duration.between(
                Instant.parse(last.path("attemptedAt").asString()),
                Instant.parse(delivery.path("nextAttemptAt").asString()));
        waits.add(wait);
        // not a moment before it is due
        clock.advance(wait.minusSeconds(2));
        Thread.sleep(600);
        assertThat(deliveries(id).get(0).path("attemptCount").asInt()).isEqualTo(attempt);
        clock.advance(Duration.ofSeconds(2));
      } else {
        assertThat(delivery.path("status").asString()).isEqualTo("failed");
        assertThat(delivery.path("nextAttemptAt").isNull()).isTrue();
      }
    }
    assertThat(waits)
        .containsExactly(
            Duration.ofSeconds(5),
            Duration.ofMinutes(5),
            Duration.ofMinutes(30),
            Duration.ofHours(2),
            Duration.ofHours(5),
            Duration.ofHours(10),
            Duration.ofHours(10));
    assertThat(receiver.all()).hasSize(8);
    // each retry is the same message: same id, same body
    assertThat(receiver.all().stream().map(r -> r.header("webhook-id")).distinct()).hasSize(1);

    JsonNode failing = api.get("/webhooks/" + id).json();
    assertThat(failing.path("isActive").asBoolean()).isTrue();
    assertThat(failing.path("failingSince").asString()).endsWith("Z");

    // five days after the first failure, the next failure deactivates the endpoint
    clock.advance(Duration.ofDays(4));
    stageCreated();
    await().atMost(SOON).until(() -> receiver.all().size() == 9);
    await().atMost(SOON).until(() -> deliveries(id).get(0).path("attemptCount").asInt() == 1);
    assertThat(api.get("/webhooks/" + id).json().path("isActive").asBoolean()).isFalse();
    JsonNode deactivated = api.get("/webhooks/" + id).json();
    assertThat(deactivated.path("deactivatedReason").asString()).contains("5 days");

    // reactivated, it starts afresh and gets what came meanwhile
    receiver.status = 200;
    long meanwhile = stageCreated();
    JsonNode reactivated = api.patch("/webhooks/" + id, "{\"isActive\": true}").json();
    assertThat(reactivated.path("isActive").asBoolean()).isTrue();
    assertThat(reactivated.path("failingSince").isNull()).isTrue();
    assertThat(reactivated.path("deactivatedReason").isNull()).isTrue();
    await()
        .atMost(SOON)
        .until(
            () ->
                receiver.all().stream()
                    .anyMatch(
                        r ->
                            r.header("webhook-id")
                                .equals(eventOf(meanwhile).path("id").asString())));
  }

  @Test
  void aHangingReceiverNeverSlowsAnApiCallNorAnotherEndpoint() throws Exception {
    Receiver hanging = receiver();
    hanging.delayMillis = 60_000;
    Receiver healthy = receiver();
    webhook(hanging, "opportunity.*");
    webhook(healthy, "opportunity.*");
    long owner = Opportunities.uniqueOwner();
    // the hanging receiver holds the delivery of this first write: it sleeps from here on
    Opportunities.create(api, Opportunities.minimal(owner));
    await().atMost(SOON).until(() -> !hanging.all().isEmpty());

    // API writes whose events go to the sleeping receiver
    List<Long> writeMillis = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      long started = System.nanoTime();
      Opportunities.create(api, Opportunities.minimal(owner));
      writeMillis.add((System.nanoTime() - started) / 1_000_000);
    }
    String mine = "\"ownerID\":" + owner + ",";
    await()
        .atMost(SOON)
        .until(() -> healthy.all().stream().filter(r -> r.body().contains(mine)).count() == 31);
    // the hanging endpoint has its attempts in flight, the others' are done
    assertThat(hanging.all()).hasSizeGreaterThanOrEqualTo(1).hasSizeLessThanOrEqualTo(31);
    // a write that waited for the hanging endpoint would take its whole attempt timeout (10 s)
    // or its hang (60 s): no write came near either, whatever else the machine was doing
    assertThat(writeMillis.stream().mapToLong(Long::longValue).max().orElseThrow())
        .isLessThan(10_000);
  }

  @Test
  void aReceiverDownForAWhileThenBackGetsEverythingAtItsNextScheduledAttempt() throws Exception {
    Receiver receiver = receiver();
    receiver.status = 503;
    long id = webhook(receiver, "dealStage.created").path("id").asLong();
    long first = stageCreated();
    long second = stageCreated();
    // down: the first attempts fail, and the retries 5 s later too
    await().atMost(SOON).until(() -> attemptCounts(id).equals(List.of(1, 1)));
    clock.advance(Duration.ofSeconds(5));
    await().atMost(SOON).until(() -> attemptCounts(id).equals(List.of(2, 2)));
    assertThat(receiver.all()).hasSize(4);

    // back: nothing is sent before the next attempts are due (5 min later), then both at once
    receiver.status = 200;
    clock.advance(Duration.ofMinutes(5).minusSeconds(2));
    Thread.sleep(600);
    assertThat(receiver.all()).hasSize(4);
    assertThat(deliveries(id)).allMatch(d -> d.path("status").asString().equals("pending"));
    clock.advance(Duration.ofSeconds(2));
    await()
        .atMost(SOON)
        .until(
            () ->
                deliveries(id).stream()
                    .allMatch(d -> d.path("status").asString().equals("succeeded")));
    assertThat(attemptCounts(id)).containsExactly(3, 3);
    assertThat(deliveries(id)).allMatch(d -> d.path("nextAttemptAt").isNull());
    assertThat(receiver.all().subList(4, 6).stream().map(r -> r.header("webhook-id")))
        .containsExactlyInAnyOrder(
            eventOf(first).path("id").asString(), eventOf(second).path("id").asString());

    // and what happens from now on goes at once, on its first attempt
    long third = stageCreated();
    await().atMost(SOON).until(() -> receiver.all().size() == 7);
    assertThat(receiver.all().get(6).header("webhook-id"))
        .isEqualTo(eventOf(third).path("id").asString());
    JsonNode webhook = api.get("/webhooks/" + id).json();
    assertThat(webhook.path("isActive").asBoolean()).isTrue();
    assertThat(webhook.path("failingSince").isNull()).isTrue();
  }

  List<Integer> attemptCounts(long webhookId) {
    return deliveries(webhookId).stream().map(d -> d.path("attemptCount").asInt()).toList();
  }

  @Test
  void aRotatedSecretSignsAlongsideTheOldOneFor24Hours() throws Exception {
    Receiver receiver = receiver();
    JsonNode webhook = webhook(receiver, "dealStage.created");
    String old = webhook.path("secret").asString();
    long id = webhook.path("id").asLong();
    String fresh =
        api.post("/webhooks/" + id + "/rotateSecret", "").json().path("secret").asString();

    stageCreated();
    Receiver.Request request = receiver.next(SOON);
    assertThat(request.header("webhook-signature").split(" ")).hasSize(2);
    new Webhook(fresh).verify(request.body(), headers(request));
    new Webhook(old).verify(request.body(), headers(request));

    clock.advance(Duration.ofHours(24).plusMinutes(1));
    stageCreated();
    Receiver.Request later = receiver.next(SOON);
    String[] signatures = later.header("webhook-signature").split(" ");
    assertThat(signatures).hasSize(1);
    long timestamp = Long.parseLong(later.header("webhook-timestamp"));
    assertThat(signatures[0])
        .isEqualTo(new Webhook(fresh).sign(later.header("webhook-id"), timestamp, later.body()));
  }

  @Test
  void aReplaySendsTheEventsAfterAnIdAgain() throws Exception {
    Receiver receiver = receiver();
    long id = webhook(receiver, "dealStage.created").path("id").asLong();
    long first = stageCreated();
    long second = stageCreated();
    assertThat(receiver.next(SOON)).isNotNull();
    assertThat(receiver.next(SOON)).isNotNull();
    long firstEvent = eventOf(first).path("id").asLong();
    await()
        .atMost(SOON)
        .until(
            () ->
                deliveries(id).stream()
                    .allMatch(d -> d.path("status").asString().equals("succeeded")));

    Api.Reply replay = api.post("/webhooks/" + id + "/replay", "{\"after\": " + firstEvent + "}");
    assertThat(replay.status()).as(replay.body()).isEqualTo(202);
    assertThat(replay.json().path("after").asLong()).isEqualTo(firstEvent);
    Receiver.Request again = receiver.next(SOON);
    assertThat(again.header("webhook-id")).isEqualTo(eventOf(second).path("id").asString());
    assertThat(receiver.next(Duration.ofMillis(500))).isNull();
    assertThat(api.post("/webhooks/" + id + "/replay", "{\"after\": 0}").status()).isIn(202, 410);
  }
}
