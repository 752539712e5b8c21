package com.leadgencrm.opportunities.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Api.Reply;
import com.leadgencrm.opportunities.support.Instances;
import com.leadgencrm.opportunities.support.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The same requests, the same answers: a script of REST and wire-protocol exchanges (valid and
 * invalid input, every resource, every error class) runs against a service on a database of its
 * own, and its answers (status, the headers clients act on, body) are compared byte for byte with
 * the answers recorded in {@code src/test/resources/exchanges/recorded.txt}. Only what differs
 * between two runs of the same code is masked: timestamps and cursors.
 *
 * <p>An intended change of behaviour re-records the file ({@code ./mvnw test
 * -Dtest=RecordedExchangesTest -Dexchanges.record=true}), so that the diff of the change shows
 * every answer it changes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordedExchangesTest {

  static final Path RECORDED = Path.of("src/test/resources/exchanges/recorded.txt");
  static final String SALES_SECRET = "exchanges-salesperson-secret-0123456789";
  static final Set<String> KEPT_HEADERS =
      Set.of(
          "content-type",
          "location",
          "etag",
          "retry-after",
          "www-authenticate",
          "idempotent-replayed",
          "allow");
  static final Set<String> MASKED_PROPERTIES =
      Set.of(
          "createTimestamp", "updateTimestamp", "stageChangeTimestamp", "nextCursor", "requestId");

  ConfigurableApplicationContext service;
  Api admin;
  Api sales;
  Api anonymous;
  String pubapi;
  final StringBuilder transcript = new StringBuilder();

  @BeforeAll
  void startOnAnEmptyDatabase() throws Exception {
    TestDatabase.Target database = TestDatabase.fresh();
    service =
        Instances.start(
            database,
            "--spring.datasource.hikari.maximum-pool-size=4",
            "--crm.pubapi.v1-time-zone=America/New_York");
    try (Connection connection =
        DriverManager.getConnection(database.url(), database.username(), database.password())) {
      var insert =
          connection.prepareStatement(
              "insert into crm.api_key (key_id, secret_hash, user_id, role, name)"
                  + " values ('exchanges_sales', ?, 7, 'SALESPERSON', 'recorded exchanges')");
      insert.setString(
          1,
          HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("SHA-256")
                      .digest(SALES_SECRET.getBytes(StandardCharsets.UTF_8))));
      insert.executeUpdate();
    }
    admin = Api.onPort(((WebServerApplicationContext) service).getWebServer().getPort());
    sales = admin.as("exchanges_sales." + SALES_SECRET);
    anonymous = admin.anonymous();
    pubapi = "/pubapi/v1.2?accountID=test_admin&secretKey=0123456789abcdefghijklmnopqrstuv";
  }

  @AfterAll
  void stop() {
    if (service != null) {
      service.close();
    }
  }

  @Test
  void everyRecordedExchangeIsAnsweredAsRecorded() throws IOException {
    script();
    String actual = transcript.toString();
    if (Boolean.getBoolean("exchanges.record")) {
      Files.createDirectories(RECORDED.getParent());
      Files.writeString(RECORDED, actual);
    }
    // the answers of this run, to compare with the recording when they differ
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/exchanges-actual.txt"), actual);
    assertThat(actual).isEqualTo(Files.readString(RECORDED));
  }

  /** The exchanges, in order; later ones use what earlier ones created. */
  void script() {
    // ---- deal stages
    send(admin, "GET", "/dealStages", null);
    Reply stage =
        send(
            admin,
            "POST",
            "/dealStages",
            "{\"dealStageName\":\"Demo\",\"description\":\"Shown\",\"defaultProbability\":30}");
    long stageId = stage.id();
    send(
        admin,
        "POST",
        "/dealStages",
        "{\"dealStageName\":\"\",\"defaultProbability\":130,\"weight\":\"x\",\"id\":5,\"colour\":1}");
    send(admin, "POST", "/dealStages", "{\"dealStageName\":\"demo\"}");
    send(admin, "GET", "/dealStages/" + stageId, null);
    send(admin, "GET", "/dealStages/" + stageId, null, "If-None-Match", stage.header("ETag"));
    send(
        admin,
        "PATCH",
        "/dealStages/" + stageId,
        "{\"description\":null,\"defaultProbability\":35.5}");
    send(
        admin,
        "PUT",
        "/dealStages/" + stageId,
        "{\"dealStageName\":\"Demo\",\"defaultProbability\":30}",
        "If-Match",
        stage.header("ETag"));
    send(admin, "PUT", "/dealStages/6", "{\"dealStageName\":\"Won\"}");
    send(admin, "GET", "/dealStages?isEditable=false&sort=dealStageName,desc", null);
    send(admin, "GET", "/dealStages?limit=2", null);
    send(admin, "GET", "/dealStages?limit=0&sort=colour&what=1", null);
    send(admin, "GET", "/dealStages/999999", null);

    // ---- custom fields
    send(
        admin,
        "POST",
        "/fields",
        "{\"relationship\":\"opportunity\",\"systemName\":\"contract_type\",\"label\":\"Contract"
            + " type\",\"dataType\":\"text\",\"dataLength\":20,\"isRequired\":false,\"isCustom\":true,"
            + "\"isActive\":true,\"isAvailableInContactManager\":true,\"isEditableInContactManager\":true,"
            + "\"isAvailableInForms\":false}");
    Reply seats =
        send(
            admin,
            "POST",
            "/fields",
            "{\"relationship\":\"opportunity\",\"systemName\":\"seats\",\"label\":\"Seats\","
                + "\"dataType\":\"integer\",\"dataLength\":9,\"isRequired\":false,\"isCustom\":true,"
                + "\"isActive\":true,\"isAvailableInContactManager\":true,"
                + "\"isEditableInContactManager\":true,\"isAvailableInForms\":false}");
    send(
        admin,
        "POST",
        "/fields",
        "{\"relationship\":\"opportunity\",\"systemName\":\"renewal_on\",\"label\":\"Renewal\","
            + "\"dataType\":\"date\",\"dataLength\":0,\"isRequired\":false,\"isCustom\":true,"
            + "\"isActive\":true,\"isAvailableInContactManager\":true,"
            + "\"isEditableInContactManager\":true,\"isAvailableInForms\":false}");
    send(
        admin,
        "POST",
        "/fields",
        "{\"relationship\":\"opportunity\",\"systemName\":\"amount\",\"label\":\"x\","
            + "\"dataType\":\"rainbow\"}");
    send(admin, "GET", "/fields?isCustom=true", null);
    send(admin, "PATCH", "/fields/" + seats.id(), "{\"label\":\"Seat count\"}");
    send(admin, "PATCH", "/fields/1", "{\"label\":\"Identifier\"}");

    // ---- opportunities
    Reply first =
        send(
            admin,
            "POST",
            "/opportunities",
            "{\"ownerID\":7,\"dealStageID\":2,\"opportunityName\":\"Acme - 500"
                + " seats\",\"closeDate\":\"2026-12-31\",\"amount\":125000.5,\"contract_type\":\"annual\","
                + "\"seats\":500,\"renewal_on\":\"2027-12-31\",\"primaryLeadID\":905270274}");
    long firstId = first.id();
    Reply second =
        send(
            admin,
            "POST",
            "/opportunities",
            "{\"ownerID\":8,\"dealStageID\":"
                + stageId
                + ",\"opportunityName\":\"Globex\",\"closeDate\":\"2026-11-30T17:00:00+01:00\","
                + "\"probability\":55,\"isWon\":true,\"accountID\":5012}");
    long secondId = second.id();
    send(
        admin,
        "POST",
        "/opportunities",
        "{\"ownerID\":\"7\",\"dealStageID\":99999,\"opportunityName\":\"\",\"amount\":-1,"
            + "\"probability\":101,\"isWon\":true,\"isClosed\":false,\"closeDate\":\"soon\","
            + "\"seats\":\"many\",\"colour\":\"red\",\"id\":3,\"createTimestamp\":\"2026-01-01\"}");
    send(admin, "POST", "/opportunities", "{\"ownerID\":7,");
    send(admin, "POST", "/opportunities", "[]");
    send(admin, "GET", "/opportunities/" + firstId, null);
    send(admin, "GET", "/opportunities/" + firstId, null, "If-None-Match", first.header("ETag"));
    send(
        admin,
        "PATCH",
        "/opportunities/" + firstId,
        "{\"amount\":null,\"seats\":null,\"dealStageID\":3,\"isWon\":true}");
    send(
        admin,
        "PATCH",
        "/opportunities/" + firstId,
        "{\"probability\":12.5}",
        "If-Match",
        first.header("ETag"));
    send(admin, "PATCH", "/opportunities/" + firstId, "{\"opportunityName\":null,\"seats\":1.5}");
    send(
        admin,
        "PUT",
        "/opportunities/" + secondId,
        "{\"ownerID\":8,\"dealStageID\":4,\"opportunityName\":\"Globex renewal\","
            + "\"closeDate\":\"2027-01-31\",\"isClosed\":false}");
    send(admin, "GET", "/opportunities?ownerID=7,8&sort=amount,desc&limit=1", null);
    send(admin, "GET", "/opportunities?seats=500&isClosed=true", null);
    send(admin, "GET", "/opportunities?seatsFrom=1&seatsTo=1000&q=ACME", null);
    send(admin, "GET", "/opportunities?leadID=905270274", null);
    send(admin, "GET", "/opportunities?amountFrom=abc&closeDateFrom=yesterday&limit=501", null);
    send(admin, "GET", "/opportunities?ownerID=7&ownerID=8", null);
    send(admin, "GET", "/opportunities/" + firstId + "/leads", null);

    // ---- batches
    Reply batch =
        send(
            admin,
            "POST",
            "/opportunities/batch",
            "{\"items\":[{\"ownerID\":9,\"dealStageID\":1,\"opportunityName\":\"B1\","
                + "\"closeDate\":\"2026-12-01\"},{\"ownerID\":9},{\"ownerID\":9,\"dealStageID\":5,"
                + "\"opportunityName\":\"B3\",\"closeDate\":\"2026-12-03\",\"seats\":3}]}");
    long b1 = batch.json().path("results").path(0).path("id").asLong();
    send(
        admin,
        "POST",
        "/opportunities/batch?atomic=true",
        "{\"items\":[{\"ownerID\":9,\"dealStageID\":1,\"opportunityName\":\"B4\","
            + "\"closeDate\":\"2026-12-01\"},{\"ownerID\":9,\"dealStageID\":77777,"
            + "\"opportunityName\":\"B5\",\"closeDate\":\"2026-12-01\"}]}");
    send(
        admin,
        "PATCH",
        "/opportunities/batch",
        "{\"items\":[{\"id\":"
            + b1
            + ",\"amount\":10},{\"id\":999999,\"amount\":1},{\"amount\":2}]}");
    send(admin, "POST", "/opportunities/batch", "{\"items\":[]}");
    send(admin, "GET", "/opportunities?ownerID=9", null);

    // ---- associations
    Reply lead =
        send(
            admin,
            "POST",
            "/opportunityLeads",
            "{\"opportunityID\":" + secondId + ",\"leadID\":42}");
    send(admin, "POST", "/opportunityLeads", "{\"opportunityID\":" + secondId + ",\"leadID\":42}");
    send(admin, "POST", "/opportunityLeads", "{\"opportunityID\":999999,\"leadID\":0}");
    send(admin, "GET", "/opportunityLeads/" + lead.id(), null);
    send(admin, "GET", "/opportunityLeads?opportunityID=" + secondId, null);
    send(admin, "PUT", "/opportunities/" + secondId + "/leads/43", null);
    send(admin, "PUT", "/opportunities/" + secondId + "/leads/43", null);
    send(admin, "DELETE", "/opportunities/" + firstId + "/leads/905270274", null);
    send(admin, "DELETE", "/opportunities/" + secondId + "/leads/43", null);
    send(
        admin,
        "POST",
        "/opportunityLeads/batch",
        "{\"items\":[{\"opportunityID\":" + secondId + ",\"leadID\":44},{\"leadID\":45}]}");
    send(admin, "DELETE", "/opportunityLeads/" + lead.id(), null);

    // ---- owner scope
    send(sales, "GET", "/opportunities", null);
    send(sales, "GET", "/opportunities/" + secondId, null);
    send(
        sales,
        "POST",
        "/opportunities",
        "{\"ownerID\":8,\"dealStageID\":2,\"opportunityName\":\"Not mine\",\"closeDate\":\"2026-12-31\"}");
    send(sales, "PATCH", "/opportunities/" + firstId, "{\"ownerID\":8}");
    send(sales, "POST", "/dealStages", "{\"dealStageName\":\"Mine\"}");
    send(anonymous, "GET", "/opportunities", null);
    send(admin.as("exchanges_sales.wrong"), "GET", "/opportunities", null);

    // ---- deletions
    send(admin, "DELETE", "/dealStages/" + stageId, null);
    send(admin, "DELETE", "/dealStages/" + stageId + "?moveTo=5", null);
    send(admin, "DELETE", "/opportunities/" + secondId, null, "If-Match", "\"0.0\"");
    send(admin, "DELETE", "/opportunities/" + secondId, null);
    send(admin, "GET", "/opportunities/" + secondId, null);
    send(admin, "DELETE", "/fields/" + seats.id(), null);
    send(admin, "DELETE", "/fields/2", null);
    send(admin, "GET", "/opportunities/" + firstId, null);

    // ---- HTTP itself
    send(admin, "GET", "/nowhere", null);
    send(admin, "DELETE", "/opportunities", null);
    send(admin, "GET", "/dealStages", null, "Accept", "application/xml");
    record(
        "POST",
        "/dealStages (text/plain)",
        admin.request("POST", "/dealStages").body("text/plain", "{}").send());

    // ---- the wire protocol
    wire("{\"method\":\"getDealStage\",\"params\":{\"id\":1},\"id\":1}");
    wire(
        "{\"method\":\"getDealStages\",\"params\":{\"where\":{\"isEditable\":\"0\"}},\"id\":\"2\"}");
    wire(
        "{\"method\":\"getOpportunities\",\"params\":{\"where\":{\"ownerID\":\"7\"},\"limit\":\"10\","
            + "\"offset\":\"\"},\"id\":3}");
    wire("{\"method\":\"getOpportunity\",\"params\":{\"id\":\"" + firstId + "\"},\"id\":4}");
    wire("{\"method\":\"getOpportunity\",\"params\":{\"id\":999999},\"id\":5}");
    wire(
        "{\"method\":\"getOpportunitiesDateRange\",\"params\":{\"startDate\":\"2000-01-01"
            + " 00:00:00\",\"endDate\":\"2999-12-31 23:59:59\",\"timestamp\":\"create\"},\"id\":6}");
    Reply created =
        wire(
            "{\"method\":\"createOpportunities\",\"params\":{\"objects\":[{\"ownerID\":\"7\","
                + "\"dealStageID\":\"2\",\"opportunityName\":\"Wire\",\"closeDate\":\"2026-12-31\","
                + "\"amount\":\"1500.50\",\"isActive\":\"1\",\"contract_type\":\"monthly\"},"
                + "{\"ownerID\":\"x\",\"dealStageID\":\"2\"},\"not an object\"]},\"id\":7}");
    long wireId = created.json().path("result").path("creates").path(0).path("id").asLong();
    wire(
        "{\"method\":\"updateOpportunities\",\"params\":{\"objects\":[{\"id\":\""
            + wireId
            + "\",\"amount\":\"99\"},{\"id\":\"999999\",\"amount\":\"1\"}]},\"id\":8}");
    wire(
        "{\"method\":\"getOpportunityLeads\",\"params\":{\"where\":{\"opportunityID\":\""
            + firstId
            + "\"}},\"id\":9}");
    wire(
        "{\"method\":\"createOpportunityLeads\",\"params\":{\"objects\":[{\"opportunityID\":\""
            + wireId
            + "\",\"leadID\":\"905270274\"},{\"opportunityID\":\""
            + wireId
            + "\",\"leadID\":\"905270274\"}]},\"id\":10}");
    wire(
        "{\"method\":\"createDealStages\",\"params\":{\"objects\":[{\"dealStageName\":\"Wire"
            + " stage\",\"defaultProbability\":\"15\"}]},\"id\":11}");
    wire(
        "{\"method\":\"updateDealStages\",\"params\":{\"objects\":[{\"id\":\"3\","
            + "\"defaultProbability\":\"45\"}]},\"id\":12}");
    wire("{\"method\":\"getFields\",\"params\":{\"where\":{\"isCustom\":\"1\"}},\"id\":13}");
    wire(
        "{\"method\":\"deleteFields\",\"params\":{\"objects\":[{\"systemName\":\"renewal_on\"},"
            + "{\"systemName\":\"ownerID\"},{\"systemName\":\"nothing\"}]},\"id\":14}");
    // a client that sends back what it read, and null for what it does not set
    wire(
        "{\"method\":\"updateOpportunities\",\"params\":{\"objects\":[{\"id\":\""
            + wireId
            + "\",\"ownerID\":\"7\",\"opportunityName\":null,\"closeDate\":null,\"amount\":\"12\","
            + "\"createTimestamp\":\"2026-01-01 00:00:00\",\"updateTimestamp\":\"2026-01-01"
            + " 00:00:00\",\"accountID\":null}]},\"id\":25}");
    wire(
        "{\"method\":\"createOpportunities\",\"params\":{\"objects\":[{\"id\":\"77\",\"ownerID\":\"7\","
            + "\"dealStageID\":\"2\",\"opportunityName\":\"Copied\",\"closeDate\":\"2026-12-31\","
            + "\"createTimestamp\":\"2026-01-01 00:00:00\"}]},\"id\":26}");
    wire(
        "{\"method\":\"createFields\",\"params\":{\"objects\":[{\"relationship\":\"opportunity\","
            + "\"label\":\"Region\",\"dataType\":\"text\",\"systemName\":\"region\"}]},\"id\":27}");
    wire(
        "{\"method\":\"deleteOpportunities\",\"params\":{\"objects\":[{\"id\":"
            + wireId
            + "}]},\"id\":15}");
    wire("not json");
    wire("{\"method\":\"getDealStage\",\"params\":{\"id\":1}}");
    wire("{\"params\":{},\"id\":16}");
    wire("{\"method\":\"getDealStage\",\"id\":17}");
    wire("{\"method\":\"launchRocket\",\"params\":{},\"id\":18}");
    wire("{\"method\":\"getOpportunity\",\"params\":{},\"id\":19}");
    wire("{\"method\":\"createOpportunities\",\"params\":{},\"id\":20}");
    wire("{\"method\":\"getOpportunities\",\"params\":{\"where\":{\"colour\":\"red\"}},\"id\":21}");
    record(
        "POST",
        "/pubapi/v1 (wrong secret)",
        anonymous
            .request("POST", "/pubapi/v1?accountID=test_admin&secretKey=wrong")
            .json("{\"method\":\"getDealStage\",\"params\":{\"id\":1},\"id\":22}")
            .send());
    record(
        "POST",
        "/pubapi/v1 (salesperson)",
        anonymous
            .request("POST", "/pubapi/v1?accountID=exchanges_sales&secretKey=" + SALES_SECRET)
            .json(
                "{\"method\":\"deleteDealStages\",\"params\":{\"objects\":[{\"id\":1}]},\"id\":23}")
            .send());
  }

  Reply send(Api client, String method, String path, String body, String... headers) {
    Api.Request request = client.request(method, path);
    if (body != null) {
      request.json(body);
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    Reply reply = request.send();
    record(method, path + (body == null ? "" : "\n" + body), reply);
    return reply;
  }

  Reply wire(String body) {
    Reply reply = anonymous.request("POST", pubapi).json(body).send();
    record("POST", "/pubapi/v1.2\n" + body, reply);
    return reply;
  }

  void record(String method, String request, Reply reply) {
    transcript.append("### ").append(method).append(' ').append(request).append('\n');
    transcript.append(reply.status()).append('\n');
    Map<String, String> kept = new TreeMap<>();
    reply
        .headers()
        .forEach(
            (name, values) -> {
              if (KEPT_HEADERS.contains(name.toLowerCase())) {
                // Allow lists the methods of a set, in no particular order
                kept.put(
                    name.toLowerCase(),
                    name.equalsIgnoreCase("allow")
                        ? String.join(
                            ", ", new java.util.TreeSet<>(List.of(values.get(0).split(", "))))
                        : String.join(", ", values));
              }
            });
    kept.forEach((name, value) -> transcript.append(name).append(": ").append(value).append('\n'));
    transcript.append(masked(reply.body())).append("\n\n");
  }

  /** The body with the values that differ between runs replaced by a mark. */
  static String masked(String body) {
    if (body.isEmpty()) {
      return body;
    }
    JsonNode json;
    try {
      json = Api.JSON.readTree(body);
    } catch (RuntimeException notJson) {
      return body;
    }
    mask(json);
    return Api.JSON.writeValueAsString(json);
  }

  static void mask(JsonNode node) {
    if (node instanceof ObjectNode object) {
      for (String name : List.copyOf(object.propertyNames())) {
        JsonNode value = object.get(name);
        if (MASKED_PROPERTIES.contains(name) && value.isString()) {
          object.put(name, "<" + name + ">");
        } else {
          mask(value);
        }
      }
    } else if (node.isArray()) {
      node.forEach(RecordedExchangesTest::mask);
    }
  }
}
