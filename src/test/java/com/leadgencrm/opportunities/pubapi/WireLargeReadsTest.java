package com.leadgencrm.opportunities.pubapi;

import static com.leadgencrm.opportunities.opportunity.Opportunities.minimal;
import static com.leadgencrm.opportunities.opportunity.Opportunities.uniqueOwner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leadgencrm.opportunities.query.PageBytes;
import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Api.Reply;
import com.leadgencrm.opportunities.support.CustomFields;
import com.leadgencrm.opportunities.support.HeldLocks;
import com.leadgencrm.opportunities.support.IntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
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

  /**
   * Rows of 60,000 characters: this many make an answer of about 18 MB, more than what is held
   * before sending and what the sockets between the two ends buffer together.
   */
  static final int ROWS = 300;

  @Autowired Api api;
  @Autowired JdbcClient jdbc;
  Wire wire;
  long field;
  String notes;
  long campaign;
  final List<Long> ids = new ArrayList<>();

  @BeforeEach
  void client() {
    wire = new Wire(api, jdbc);
  }

  @BeforeAll
  void largeOpportunities() {
    Reply created = CustomFields.create(api, "notes", "textarea", 65535);
    field = created.id();
    notes = created.json().path("systemName").asString();
    campaign = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
    for (int batch = 0; batch < ROWS / 25; batch++) {
      List<Map<String, Object>> items = new ArrayList<>();
      for (int i = 0; i < 25; i++) {
        Map<String, Object> opportunity = minimal(uniqueOwner());
        opportunity.put("campaignID", campaign);
        opportunity.put(notes, (batch * 25 + i) + "n".repeat(60_000));
        items.add(opportunity);
      }
      Reply reply = api.post("/opportunities/batch", Api.json(Map.of("items", items)));
      assertThat(reply.status()).as(reply.body()).isEqualTo(200);
      reply.json().path("results").forEach(result -> ids.add(result.path("id").asLong()));
    }
    assertThat(ids).hasSize(ROWS).doesNotContain(0L);
  }

  @AfterAll
  void deleteField() {
    api.delete("/fields/" + field);
  }

  String read(int limit, int offset) {
    return """
        {"method":"getOpportunities","params":{"where":{"campaignID":"%d"},"limit":%d,"offset":%d},"id":"big"}"""
        .formatted(campaign, limit, offset);
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
    assertThat(read).isEqualTo(ids.stream().sorted().toList());
    for (JsonNode row : rows) {
      JsonNode one =
          wire.call(
              "{\"method\":\"getOpportunity\",\"params\":{\"id\":"
                  + row.path("id").asString()
                  + "},\"id\":1}");
      assertThat(row).isEqualTo(one.path("result").path("opportunity").get(0));
    }
    assertThat(rows.get(7).path(notes).asString()).startsWith("7n").hasSize(60_001);

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
            .header("Idempotency-Key", "large-read-" + campaign)
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
  final class StalledRead implements AutoCloseable {

    private final Socket socket = new Socket();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final byte[] buffer = new byte[64 * 1024];

    StalledRead(String call) throws IOException {
      URI base = URI.create(api.baseUrl());
      byte[] body = call.getBytes(StandardCharsets.UTF_8);
      socket.setReceiveBufferSize(64 * 1024);
      socket.connect(new java.net.InetSocketAddress(base.getHost(), base.getPort()));
      socket.setSoTimeout(30_000);
      socket
          .getOutputStream()
          .write(
              ("POST /pubapi/v1.2?"
                      + Wire.CREDENTIALS
                      + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                      + "Content-Type: application/json\r\n"
                      + "Content-Length: "
                      + body.length
                      + "\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().write(body);
      while (received.size() < PageBytes.LIMIT + 500_000) {
        int n = socket.getInputStream().read(buffer);
        assertThat(n).isPositive();
        received.write(buffer, 0, n);
      }
    }

    /** Reads on to the end (the server's, whole or not): the raw HTTP answer. */
    String rest() throws IOException {
      InputStream in = socket.getInputStream();
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        received.write(buffer, 0, n);
      }
      return received.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  @Test
  void aClientReadingSlowlyHoldsNothingAFieldChangeOrOtherRequestsWaitFor() throws Exception {
    // between two windows of a read nothing is held: a custom field's deletion, which drops its
    // index (an exclusive lock on the table), waited for the read's open transaction, and every
    // request queued behind it: 503 after 5 s, for as long as the client took (up to a minute)
    Reply number = CustomFields.create(api, "score", "number", 12);
    try (StalledRead stalled = new StalledRead(read(500, 0))) {
      long started = System.nanoTime();
      assertThat(api.delete("/fields/" + number.id()).status()).isEqualTo(204);
      assertThat(api.get("/opportunities/" + ids.get(0)).status()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
      String answer = stalled.rest();
      assertThat(answer).startsWith("HTTP/1.1 200").endsWith("0\r\n\r\n");
      JsonNode envelope =
          Api.JSON.readTree(dechunked(answer.substring(answer.indexOf("\r\n\r\n") + 4)));
      assertThat(envelope.path("result").path("opportunity").size()).isEqualTo(ROWS);
    }
  }

  @Test
  void aReadThatFailsAfterItsFirstRowsWentOutIsBrokenOffNotEndedAsIfWhole() throws Exception {
    try (StalledRead stalled = new StalledRead(read(500, 0));
        // another client takes the table while the rows go out: the read's next window waits for
        // it until the statement time limit (5 s) cancels it
        HeldLocks table = HeldLocks.take("lock table crm.opportunity in access exclusive mode")) {
      String answer = stalled.rest();
      assertThat(answer).startsWith("HTTP/1.1 200").contains("Transfer-Encoding: chunked");
      // the connection closed without the chunked body's end, and without a closing envelope
      assertThat(answer).doesNotEndWith("0\r\n\r\n").doesNotContain("\"error\"");
      String json = answer.substring(answer.indexOf("\r\n\r\n") + 4);
      assertThatThrownBy(() -> Api.JSON.readTree(dechunked(json)))
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

  /** The data of a chunked body's chunks, as far as it came. */
  private static String dechunked(String chunked) {
    StringBuilder data = new StringBuilder();
    int at = 0;
    while (true) {
      int line = chunked.indexOf("\r\n", at);
      if (line < 0) {
        return data.toString();
      }
      int size = Integer.parseInt(chunked.substring(at, line).trim(), 16);
      int start = line + 2;
      data.append(chunked, start, Math.min(chunked.length(), start + size));
      at = start + size + 2;
      if (size == 0 || at >= chunked.length()) {
        return data.toString();
      }
    }
  }
}
