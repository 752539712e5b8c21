package com.leadgencrm.opportunities.pubapi;

import static com.leadgencrm.opportunities.opportunity.Opportunities.minimal;
import static com.leadgencrm.opportunities.opportunity.Opportunities.uniqueOwner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.leadgencrm.opportunities.query.PageBytes;
import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Api.Reply;
import com.leadgencrm.opportunities.support.CustomFields;
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

  @Test
  void aReadThatFailsAfterItsFirstRowsWentOutIsBrokenOffNotEndedAsIfWhole() throws IOException {
    URI base = URI.create(api.baseUrl());
    byte[] body = read(500, 0).getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket()) {
      // a client that reads slowly: the service waits to write, its read still open
      socket.setReceiveBufferSize(64 * 1024);
      socket.connect(new java.net.InetSocketAddress(base.getHost(), base.getPort()));
      socket.setSoTimeout(30_000);
      socket
          .getOutputStream()
          .write(
              ("POST /pubapi/v1.2?"
                      + Wire.CREDENTIALS
                      + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                      + "Content-Length: "
                      + body.length
                      + "\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().write(body);
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      byte[] buffer = new byte[64 * 1024];
      while (received.size() < PageBytes.LIMIT + 500_000) {
        int n = in.read(buffer);
        assertThat(n).isPositive();
        received.write(buffer, 0, n);
      }
      // the database connection of the read fails while the rows go out: once the service waits
      // for this client to read on (its read open between two fetches), it is terminated
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  jdbc.sql(
                              """
                              select count(*) filter (where pg_terminate_backend(pid))
                                from pg_stat_activity
                               where pid <> pg_backend_pid() and state = 'idle in transaction'
                                 and query like '%from opportunity%offset%'
                                 and query like '%campaign_id%'""")
                          .query(Long.class)
                          .single()
                      == 1);
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        received.write(buffer, 0, n);
      }
      String answer = received.toString(StandardCharsets.UTF_8);
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
