package com.leadgencrm.opportunities.pubapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Api.Reply;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A client of the wire protocol for tests: raw JSON posted the way its clients post it, the JSON of
 * the answer, and rows whose timestamps the test fixed, so that expected rows can be written out in
 * full.
 */
final class Wire {

  static final String CREDENTIALS =
      "accountID=test_admin&secretKey=0123456789abcdefghijklmnopqrstuv";

  /**
   * The timestamps {@link #pin} gives a row: created 2026-03-01 09:30:00.123456 UTC (04:30:00 in
   * New York, /pubapi/v1's zone in the tests), changed 2026-07-01 23:59:59 UTC (19:59:59 there).
   */
  static final String CREATED = "2026-03-01 09:30:00.123456+00";

  static final String UPDATED = "2026-07-01 23:59:59+00";

  private final Api api;
  private final JdbcClient jdbc;

  Wire(Api api, JdbcClient jdbc) {
    this.api = api;
    this.jdbc = jdbc;
  }

  /** Posts a body to a path of the wire protocol, with a content type (or none), no header. */
  Reply rpc(String path, @Nullable String contentType, String body) {
    Api.Request request = api.anonymous().request("POST", path);
    return (contentType == null
            ? request.body("", body.getBytes(StandardCharsets.UTF_8))
            : request.body(contentType, body))
        .send();
  }

  /** A call to /pubapi/v1.2 (UTC) as the test Administrator: always 200 and JSON. */
  JsonNode call(String body) {
    return answer(rpc("/pubapi/v1.2?" + CREDENTIALS, "application/json", body));
  }

  /** A call to /pubapi/v1 (the configured zone, America/New_York in the tests). */
  JsonNode callV1(String body) {
    return answer(rpc("/pubapi/v1?" + CREDENTIALS, "application/json", body));
  }

  private static JsonNode answer(Reply reply) {
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    return reply.json();
  }

  static JsonNode parse(String json) {
    return Api.JSON.readTree(json);
  }

  static JsonNode errorOf(int code, String message) {
    return parse("{\"code\":" + code + ",\"message\":\"" + message + "\",\"data\":[]}");
  }

  /** Gives a row of a table the timestamps {@link #CREATED} and {@link #UPDATED}. */
  void pin(String table, long id) {
    int changed =
        jdbc.sql(
                "update "
                    + table
                    + " set create_timestamp = cast(:created as timestamptz),"
                    + " update_timestamp = cast(:updated as timestamptz) where id = :id")
            .param("created", CREATED)
            .param("updated", UPDATED)
            .param("id", id)
            .update();
    assertThat(changed).as(table + " " + id).isEqualTo(1);
  }

  /** The systemNames of the active custom opportunity fields: every opportunity row has them. */
  Set<String> customOpportunityFields() {
    Set<String> names = new HashSet<>();
    api.get("/fields?relationship=opportunity&isCustom=true&isActive=true&limit=500")
        .json()
        .path("items")
        .forEach(field -> names.add(field.path("systemName").asString()));
    return names;
  }

  /**
   * An opportunity row is the expected one, written out, and null for each other active custom
   * field (tests share a database: custom fields other tests left behind are properties too).
   */
  void assertOpportunityRow(JsonNode row, String expected) {
    JsonNode literal = parse(expected);
    ObjectNode written = ((ObjectNode) row).deepCopy();
    Set<String> custom = customOpportunityFields();
    for (String name : Set.copyOf(row.propertyNames())) {
      if (!literal.has(name)) {
        assertThat(custom).as("row property " + name + " of " + row).contains(name);
        assertThat(row.get(name).isNull()).as(name + " of " + row).isTrue();
        written.remove(name);
      }
    }
    assertThat(written).isEqualTo(literal);
  }

  /** The standard properties of an opportunity row, as a client that ignores custom fields. */
  ObjectNode standardPropertiesOf(JsonNode row) {
    ObjectNode standard = ((ObjectNode) row).deepCopy();
    customOpportunityFields().forEach(standard::remove);
    return standard;
  }
}
