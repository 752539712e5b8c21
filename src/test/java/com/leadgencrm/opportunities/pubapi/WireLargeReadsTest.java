package com.leadgencrm.opportunities.pubapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leadgencrm.opportunities.opportunity.LargeOpportunities;
import com.leadgencrm.opportunities.query.PageBytes;
import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Api.Reply;
import com.leadgencrm.opportunities.support.CustomFields;
import com.leadgencrm.opportunities.support.HeldLocks;
import com.leadgencrm.opportunities.support.IntegrationTest;
import com.leadgencrm.opportunities.support.StalledClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Wire reads of opportunities with large custom values: 500 rows with a 64 KiB text area are 33 MB
 * of JSON, and four such reads at once ran a 256 MiB heap out (HTTP 500). They page by offset, so
 * their pages cannot end early as list pages do; their rows are written out as they are fetched
 * instead, and the answer is the one a read held whole would give.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WireLargeReadsTest {

  /** Rows of 60,000 characters: an answer of about 18 MB ({@link LargeOpportunities}). */
  static final int ROWS = LargeOpportunities.ROWS;

  @Autowired Api api;
  @Autowired JdbcClient jdbc;
  Wire wire;
  LargeOpportunities large;

  @BeforeEach
  void client() {
    wire = new Wire(api, jdbc);
  }

  @BeforeAll
  void largeOpportunities() {
    large = LargeOpportunities.create(api);
  }

  @AfterAll
  void deleteField() {
    large.deleteField(api);
  }

  String read(int limit, int offset) {
    return """
        {"method":"getOpportunities","params":{"where":{"campaignID":"%d"},"limit":%d,"offset":%d},"id":"big"}"""
        .formatted(large.campaign(), limit, offset);
  }

  @Test
  void aReadOfLargeRowsIsSentAsItIsFetchedAndAnswersEveryRowAsAReadOfOneDoes() {
    Reply reply = wire.rpc("/pubapi/v1.2?" + Wire.CREDENTIALS, "application/json", read(500, 0));
    assertThat(reply.status()).isEqualTo(200);
    assertThat((long) reply.body().length()).isGreaterThan(2 * PageBytes.LIMIT);
    // sent as it was written: no length known ahead
    assertThat(reply.header("Content-Length")).isNull();
    JsonNode answer = reply.json();
    assertThat(answer.propertyNames()).containsExactly("result", "error", "id");
    assertThat(answer.path("error").isNull()).isTrue();
    assertThat(answer.path("id").asString()).isEqualTo("big");
    JsonNode rows = answer.path("result").path("opportunity");
    List<Long> read = new ArrayList<>();
    rows.forEach(row -> read.add(Long.parseLong(row.path("id").asString())));
    assertThat(read).isEqualTo(large.ids().stream().sorted().toList());
    for (JsonNode row : rows) {
      JsonNode one =
          wire.call(
              "{\"method\":\"getOpportunity\",\"params\":{\"id\":"
                  + row.path("id").asString()
                  + "},\"id\":1}");
      assertThat(row).isEqualTo(one.path("result").path("opportunity").get(0));
    }
    assertThat(rows.get(7).path(large.notes()).asString()).startsWith("7n").hasSize(60_001);

    // a smaller page of the same rows is held whole, and says how long it is
    Reply small = wire.rpc("/pubapi/v1.2?" + Wire.CREDENTIALS, "application/json", read(3, 5));
    assertThat(small.header("Content-Length")).isEqualTo(String.valueOf(small.body().length()));
    assertThat(small.json().path("result").path("opportunity")).isEqualTo(slice(rows, 5, 3));
  }

  @Test
  void aLargeReadWithAnIdempotencyKeyIsTheSameAnswer() {
    String call = read(500, 0);
    JsonNode plain = wire.call(call);
    Reply keyed =
        api.anonymous()
            .request("POST", "/pubapi/v1.2?" + Wire.CREDENTIALS)
            .header("Idempotency-Key", "large-read-" + large.campaign())
            .body("application/json", call)
            .send();
    assertThat(keyed.status()).isEqualTo(200);
    assertThat(keyed.json()).isEqualTo(plain);
    assertThat(plain.path("result").path("opportunity").size()).isEqualTo(ROWS);
  }

  @Test
  void aRefusedLargeReadIsAnsweredInTheEnvelope() {
    JsonNode refused =
        wire.call(
            """
            {"method":"getOpportunities","params":{"where":{"campaignID":"x"},"limit":500},"id":2}""");
    assertThat(refused.path("error").path("code").asInt()).isEqualTo(205);
    assertThat(refused.path("result").isNull()).isTrue();
  }

  /** A read whose client has taken its first 4.5 MB and stopped reading: the service waits. */
  StalledClient stalledRead(String call) throws IOException {
    byte[] body = call.getBytes(StandardCharsets.UTF_8);
    return new StalledClient(
        api.baseUrl(),
        "POST /pubapi/v1.2?"
            + Wire.CREDENTIALS
            + " HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: "
            + body.length,
        body,
        PageBytes.LIMIT + 500_000);
  }

  @Test
  void aClientReadingSlowlyHoldsNothingAFieldChangeOrOtherRequestsWaitFor() throws Exception {
    // between two windows of a read nothing is held: a custom field's deletion, which drops its
    // index (an exclusive lock on the table), waited for the read's open transaction, and every
    // request queued behind it: 503 after 5 s, for as long as the client took (up to a minute)
    Reply number = CustomFields.create(api, "score", "number", 12);
    try (StalledClient stalled = stalledRead(read(500, 0))) {
      long started = System.nanoTime();
      assertThat(api.delete("/fields/" + number.id()).status()).isEqualTo(204);
      assertThat(api.get("/opportunities/" + large.ids().get(0)).status()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
      String answer = stalled.rest();
      assertThat(answer).startsWith("HTTP/1.1 200").endsWith("0\r\n\r\n");
      JsonNode envelope = Api.JSON.readTree(StalledClient.body(answer));
      assertThat(envelope.path("result").path("opportunity").size()).isEqualTo(ROWS);
    }
  }

  @Test
  void stalledReadsOfLargeValuesHoldAtMostTheirTurnsAndTheNextOneIsToldToRetry() throws Exception {
    // each stalled read holds a window of large values (4 MiB) while its client does not read:
    // sixty of them ran a 256 MiB heap out. Eight turns (CRM_LARGE_READS) are held at most
    List<StalledClient> stalled = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        stalled.add(stalledRead(read(500, 0)));
      }
      // each read takes its turns window by window: wait until all eight hold one, blocked on
      // their clients, rather than between two windows
      awaitLargeReadsHeld(8);
      long started = System.nanoTime();
      JsonNode refused = wire.call(read(500, 0));
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .isGreaterThan(Duration.ofMillis(4500));
      assertThat(refused.path("error").path("code").asInt()).isEqualTo(503);
      assertThat(refused.path("error").path("message").asString())
          .startsWith("Too many reads of large custom values are being sent (8 at once)");
      Reply csv =
          api.as(Api.ADMIN_TOKEN)
              .expectServerErrors(true)
              .request("GET", "/opportunities?campaignID=" + large.campaign())
              .header("Accept", "text/csv")
              .send();
      assertThat(csv.status()).isEqualTo(503);
      assertThat(csv.header("Retry-After")).isEqualTo("1");
      // reads of small rows, a list page and a read by id are not held up
      assertThat(wire.call(read(3, 0)).path("result").path("opportunity").size()).isEqualTo(3);
      assertThat(api.get("/opportunities?campaignID=" + large.campaign() + "&limit=500").status())
          .isEqualTo(200);
      assertThat(api.get("/opportunities/" + large.ids().get(0)).status()).isEqualTo(200);
    } finally {
      for (StalledClient client : stalled) {
        client.close();
      }
    }
    // the turns come back as the stalled clients go
    long started = System.nanoTime();
    JsonNode whole = null;
    while (System.nanoTime() - started < Duration.ofSeconds(60).toNanos()) {
      whole = wire.call(read(500, 0));
      if (whole.path("error").isNull()) {
        break;
      }
      Thread.sleep(500);
    }
    assertThat(whole.path("result").path("opportunity").size()).isEqualTo(ROWS);
  }

  /** Waits until {@code turns} turns of the large-reads bulkhead are held, 1 s on end. */
  private void awaitLargeReadsHeld(int turns) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    int steady = 0;
    while (steady < 5) {
      assertThat(System.nanoTime()).as("%d large reads held", turns).isLessThan(deadline);
      double held =
          api.get("/actuator/prometheus")
              .body()
              .lines()
              .filter(line -> line.startsWith("crm_bulkhead_running{"))
              .filter(line -> line.contains("bulkhead=\"large reads\""))
              .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
              .findFirst()
              .orElse(-1);
      steady = held == turns ? steady + 1 : 0;
      Thread.sleep(200);
    }
  }

  @Test
  void aReadThatFailsAfterItsFirstRowsWentOutIsBrokenOffNotEndedAsIfWhole() throws Exception {
    try (StalledClient stalled = stalledRead(read(500, 0));
        // another client takes the table while the rows go out: the read's next window waits for
        // it until the statement time limit (5 s) cancels it
        HeldLocks table = HeldLocks.take("lock table crm.opportunity in access exclusive mode")) {
      String answer = stalled.rest();
      assertThat(answer).startsWith("HTTP/1.1 200").contains("Transfer-Encoding: chunked");
      // the connection closed without the chunked body's end, and without a closing envelope
      assertThat(answer).doesNotEndWith("0\r\n\r\n").doesNotContain("\"error\"");
      assertThatThrownBy(() -> Api.JSON.readTree(StalledClient.body(answer)))
          .isInstanceOf(tools.jackson.core.JacksonException.class);
    }
    // and the service goes on answering
    assertThat(wire.call(read(1, 0)).path("result").path("opportunity").size()).isEqualTo(1);
  }

  private static JsonNode slice(JsonNode rows, int from, int count) {
    var slice = Api.JSON.createArrayNode();
    for (int i = from; i < from + count; i++) {
      slice.add(rows.get(i));
    }
    return slice;
  }
}
