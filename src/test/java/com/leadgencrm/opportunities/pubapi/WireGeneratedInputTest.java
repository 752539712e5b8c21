package com.leadgencrm.opportunities.pubapi;

import static com.leadgencrm.opportunities.opportunity.Opportunities.minimal;
import static com.leadgencrm.opportunities.opportunity.Opportunities.uniqueOwner;
import static com.leadgencrm.opportunities.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.core.Role;
import com.leadgencrm.opportunities.opportunity.Opportunities;
import com.leadgencrm.opportunities.security.Keys;
import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.IntegrationTest;
import com.leadgencrm.opportunities.support.RandomInput;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generated calls of the wire protocol: every method of every family (and methods that are none),
 * with hostile params (wrong types, numbers beyond 64 bits or with huge exponents, odd Unicode,
 * nested structures, large arrays within the body limit), envelopes with members missing, doubled
 * or of the wrong type, bodies that are no JSON, any content type, and credentials in the query, in
 * the body's {@code header}, wrong, or missing, for several roles. Every answer must be HTTP 200
 * with a valid envelope: exactly {@code result}, {@code error} and {@code id} (the request's, as it
 * came), and an error that is null or the protocol's {@code {code, message, data}} (an array of
 * them for writes) with a code of the protocol.
 *
 * <p>{@code -Dfuzz.seed=...} replays a run; {@code -Dfuzz.wire.calls=...} sets its size.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WireGeneratedInputTest {

  private static final Logger log = LoggerFactory.getLogger(WireGeneratedInputTest.class);
  private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
  private static final int CALLS = Integer.getInteger("fuzz.wire.calls", 2500);
  private static final Duration BUDGET = Duration.ofSeconds(Long.getLong("fuzz.wire.seconds", 120));
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** The protocol's codes (SPEC §4): no 5xx-like code, no limit (the tests' keys have none). */
  static final Set<Integer> CODES =
      Set.of(101, 102, 105, 201, 202, 204, 205, 206, 207, 208, 209, 211, 301, 302);

  static final List<String> FAMILIES =
      List.of("Opportunity", "OpportunityLead", "DealStage", "Field");
  static final List<String> NOT_METHODS =
      List.of(
          "",
          " getOpportunity",
          "getopportunity",
          "GETOPPORTUNITIES",
          "toString",
          "__proto__",
          "getOpportunitiesDateRange\u0000",
          "deleteEverything",
          "\ud83d\udca9");

  /** The properties of each family's rows, for {@code where} and for objects. */
  static final Map<String, List<String>> PROPERTIES =
      Map.of(
          "Opportunity",
          List.of(
              "id",
              "ownerID",
              "dealStageID",
              "accountID",
              "campaignID",
              "opportunityName",
              "probability",
              "amount",
              "isClosed",
              "isWon",
              "isActive",
              "closeDate",
              "originatingLeadID",
              "primaryLeadID",
              "createTimestamp",
              "updateTimestamp"),
          "OpportunityLead",
          List.of("id", "opportunityID", "leadID", "createTimestamp", "updateTimestamp"),
          "DealStage",
          List.of(
              "id",
              "dealStageName",
              "description",
              "defaultProbability",
              "weight",
              "isEditable",
              "createTimestamp"),
          "Field",
          List.of(
              "id",
              "relationship",
              "systemName",
              "label",
              "source",
              "dataType",
              "dataLength",
              "isRequired",
              "isCustom",
              "isActive",
              "isAvailableInContactManager",
              "isEditableInContactManager",
              "isAvailableInForms"));

  @Autowired Api api;

  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  RandomInput random;
  long owner;
  long opportunity;
  long stage;
  long association;
  long field;
  String fieldSystemName;

  /** accountID and secretKey of keys of several roles. */
  final List<String[]> keys = new ArrayList<>();

  final List<Long> createdFields = new ArrayList<>();
  final List<Long> createdStages = new ArrayList<>();

  @BeforeAll
  void prepare() {
    log.info("Wire generated input: seed {} (replay with -Dfuzz.seed={})", SEED, SEED);
    random = new RandomInput(SEED);
    // fixtures of this test only: updates and deletes never name a row other tests use
    owner = uniqueOwner();
    opportunity = Opportunities.create(api, minimal(owner));
    stage = api.post("/dealStages", json(Map.of("dealStageName", "Wire fuzz " + SEED))).id();
    createdStages.add(stage);
    association = api.put("/opportunities/" + opportunity + "/leads/42", "").id();
    Api.Reply created =
        api.post(
            "/fields",
            """
            {"relationship":"lead","label":"Wire fuzz","dataType":"text","dataLength":10,
             "isRequired":false,"isCustom":true,"isActive":true,"isAvailableInContactManager":true,
             "isEditableInContactManager":true,"isAvailableInForms":false}""");
    field = created.id();
    fieldSystemName = created.json().path("systemName").asString();
    createdFields.add(field);
    keys.add(new String[] {"test_admin", "0123456789abcdefghijklmnopqrstuv"});
    for (Role role : List.of(Role.SALESPERSON, Role.JR_SALESPERSON, Role.MARKETING_MANAGER)) {
      JsonNode key = Keys.create(api, role, owner, null).json();
      keys.add(new String[] {key.path("id").asString(), key.path("secret").asString()});
    }
  }

  /** Nothing the run created outlives it: a required custom field would refuse others' writes. */
  @AfterAll
  void removeWhatTheRunCreated() {
    createdFields.forEach(id -> api.delete("/fields/" + id));
    for (long id : createdStages) {
      api.patch("/dealStages/" + id, "{\"isEditable\":true}");
      api.delete("/dealStages/" + id + "?moveTo=2");
    }
  }

  @Test
  void everyCallIsAnsweredWithHttp200AndAValidEnvelope() throws Exception {
    long started = System.nanoTime();
    Map<String, Integer> outcomes = new TreeMap<>();
    List<String> violations = new ArrayList<>();
    int sent = 0;
    while (sent < CALLS && System.nanoTime() - started < BUDGET.toNanos()) {
      Call call = generate();
      HttpResponse<byte[]> response =
          http.send(call.request(), HttpResponse.BodyHandlers.ofByteArray());
      sent++;
      String body = new String(response.body(), StandardCharsets.UTF_8);
      String problem = check(call, response, body);
      String method = call.method() == null ? "(none)" : call.method();
      if (problem != null) {
        violations.add(
            call.description()
                + "\n   -> "
                + response.statusCode()
                + " "
                + abbreviate(body)
                + "\n   "
                + problem);
        outcomes.merge(method + " VIOLATION", 1, Integer::sum);
        continue;
      }
      JsonNode error = Api.JSON.readTree(body).path("error");
      outcomes.merge(
          method
              + " "
              + (error.isNull() ? "ok" : error.isArray() ? "slots" : error.path("code").asInt()),
          1,
          Integer::sum);
      remember(call, body);
    }
    log.info(
        "Wire generated input: {} calls in {} ms, seed {}, outcomes {}",
        sent,
        (System.nanoTime() - started) / 1_000_000,
        SEED,
        outcomes);
    assertThat(sent).isGreaterThanOrEqualTo(Math.min(CALLS, 1000));
    assertThat(violations)
        .as("answers that are not HTTP 200 with a valid envelope (seed %d)", SEED)
        .isEmpty();
    // the calls reached every method, not only the envelope's checks
    assertThat(outcomes.keySet().stream().filter(k -> k.endsWith(" ok")).count())
        .isGreaterThanOrEqualTo(10);
  }

  /** What is wrong with an answer, or null. */
  static @Nullable String check(Call call, HttpResponse<byte[]> response, String body) {
    if (response.statusCode() != 200) {
      return "HTTP " + response.statusCode();
    }
    if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
      return "Content-Type " + response.headers().firstValue("Content-Type");
    }
    JsonNode envelope;
    try {
      envelope = Api.JSON.readTree(body);
    } catch (JacksonException e) {
      return "not JSON";
    }
    if (!envelope.isObject()
        || !List.copyOf(envelope.propertyNames()).equals(List.of("result", "error", "id"))) {
      return "members are not result, error, id";
    }
    JsonNode expectedId = call.id() == null ? NODES.nullNode() : call.id();
    if (!sameJson(envelope.get("id"), expectedId)) {
      return "id is not the request's " + expectedId;
    }
    JsonNode error = envelope.get("error");
    JsonNode result = envelope.get("result");
    if (error.isNull()) {
      return result.isObject() && result.size() == 1
          ? null
          : "a result without error must be one member";
    }
    if (error.isArray()) {
      if (error.isEmpty() || !result.isObject()) {
        return "slot errors without slots";
      }
      for (JsonNode slot : error) {
        String wrong = errorObject(slot);
        if (wrong != null) {
          return wrong;
        }
      }
      return null;
    }
    if (!result.isNull()) {
      return "an error with a result";
    }
    return errorObject(error);
  }

  static @Nullable String errorObject(JsonNode error) {
    if (!error.isObject()
        || !List.copyOf(error.propertyNames()).equals(List.of("code", "message", "data"))) {
      return "error is not {code, message, data}";
    }
    if (!error.get("code").isInt() || !CODES.contains(error.get("code").intValue())) {
      return "unknown code " + error.get("code");
    }
    if (!error.get("message").isString() || error.get("message").stringValue().isEmpty()) {
      return "message is not text";
    }
    return error.get("data").isArray() ? null : "data is not an array";
  }

  /** JSON equality; numbers by value (a decimal id may come back in another notation). */
  static boolean sameJson(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!sameJson(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a.isObject() && b.isObject()) {
      if (!List.copyOf(a.propertyNames()).equals(List.copyOf(b.propertyNames()))) {
        return false;
      }
      for (String name : a.propertyNames()) {
        if (!sameJson(a.get(name), b.get(name))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  /** Fields and stages the run created, for removal. */
  void remember(Call call, String body) {
    if (!"createFields".equals(call.method()) && !"createDealStages".equals(call.method())) {
      return;
    }
    for (JsonNode slot : Api.JSON.readTree(body).path("result").path("creates")) {
      if (slot.path("success").asBoolean() && slot.path("id").isNumber()) {
        (call.method().equals("createFields") ? createdFields : createdStages)
            .add(slot.path("id").longValue());
      }
    }
  }

  // ---- generation

  record Call(
      HttpRequest request, @Nullable String method, @Nullable JsonNode id, String description) {}

  Call generate() {
    String path =
        random.pick(List.of("/pubapi/v1", "/pubapi/v1/", "/pubapi/v1.2", "/pubapi/v1.2/"));
    String[] key = random.chance(75) ? keys.get(0) : random.pick(keys);
    String query = "";
    ObjectNode header = null;
    int credentials = random.random().nextInt(20);
    if (credentials < 13) {
      query = "?accountID=" + key[0] + "&secretKey=" + key[1];
    } else if (credentials < 16) {
      header = NODES.objectNode().put("accountID", key[0]).put("secretKey", key[1]);
    } else if (credentials == 16) {
      query =
          "?accountID="
              + key[0]
              + "&secretKey=wrong"
              + (random.chance(50) ? "&secretKey=" + key[1] : "");
    } else if (credentials == 17) {
      header = NODES.objectNode();
      header.set("accountID", hostile(1));
      header.set("secretKey", hostile(1));
    } else if (credentials == 18) {
      query = random.query(List.of("accountID", "secretKey"));
      if (query.length() > 4000) {
        // a request head over 8 KB is refused by Tomcat (400) before any protocol is spoken
        query = query.substring(0, 4000).replaceFirst("%[0-9A-F]?$", "");
      }
    }
    String method = null;
    byte[] body;
    String description;
    if (random.chance(8)) {
      // no envelope at all
      String text =
          switch (random.random().nextInt(6)) {
            case 0 -> "";
            case 1 -> "[".repeat(501 + random.random().nextInt(2000));
            case 2 -> Api.JSON.writeValueAsString(random.value(3));
            case 3 -> "{\"method\":\"getOpportunities\",\"params\":{},\"id\":1";
            case 4 ->
                "{\"method\":\"getDealStage\",\"method\":\"getField\",\"params\":{\"id\":1},\"id\":1}";
            default -> "method=getOpportunities&params=%7B%7D&id=1";
          };
      body = random.chance(80) ? text.getBytes(StandardCharsets.UTF_8) : random.bytes(text);
      description = "POST " + path + query + " " + abbreviate(text);
    } else {
      ObjectNode envelope = NODES.objectNode();
      if (random.chance(95)) {
        if (random.chance(93)) {
          method = random.pick(FAMILIES_METHODS);
          envelope.put("method", method);
        } else if (random.chance(50)) {
          method = random.pick(NOT_METHODS);
          envelope.put("method", method);
        } else {
          envelope.set("method", hostile(1));
        }
      }
      if (random.chance(95)) {
        envelope.set("params", method != null && random.chance(92) ? params(method) : hostile(2));
      }
      if (random.chance(93)) {
        envelope.set(
            "id", random.chance(70) ? NODES.numberNode(random.random().nextInt(1000)) : hostile(1));
      }
      if (header != null) {
        envelope.set("header", header);
      }
      if (random.chance(10)) {
        envelope.set(random.chance(50) ? "jsonrpc" : random.string(), hostile(1));
      }
      String text = Api.JSON.writeValueAsString(envelope);
      body = text.getBytes(StandardCharsets.UTF_8);
      if (random.chance(3)) {
        // broken in transit: perhaps the call cannot be read, nor its id
        body = random.bytes(text);
      }
      description = "POST " + path + query + " " + abbreviate(text);
    }
    // the id as the service reads it from the bytes sent (an unpaired surrogate became '?')
    JsonNode id = readId(body);
    String contentType =
        random.chance(80)
            ? "application/json"
            : random.pick(
                List.of(
                    "text/plain",
                    "application/x-www-form-urlencoded",
                    "application/json; charset=ebcdic",
                    "multipart/form-data; boundary=x",
                    "\"quoted",
                    ""));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(api.baseUrl() + path + query))
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (!contentType.isEmpty()) {
      request.header("Content-Type", contentType);
    }
    if (random.chance(5)) {
      request.header("Authorization", "Bearer " + key[0] + "." + key[1]);
    }
    if (random.chance(5)) {
      request.header("Accept", random.pick(List.of("text/html", "application/xml", "*/*")));
    }
    return new Call(request.build(), method, id, description + " [" + contentType + "]");
  }

  /** Reads JSON as the service does: strictly. */
  static final JsonMapper STRICT =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  /** The id the service reads from a body that may be broken: null unless it is a JSON object. */
  static @Nullable JsonNode readId(byte[] body) {
    try {
      JsonNode envelope = body.length == 0 ? null : STRICT.readTree(body);
      return envelope != null && envelope.isObject() ? envelope.get("id") : null;
    } catch (JacksonException e) {
      return null;
    }
  }

  static final List<String> FAMILIES_METHODS = methods();

  static List<String> methods() {
    List<String> methods = new ArrayList<>();
    for (String family : FAMILIES) {
      String plural = family.equals("Opportunity") ? "Opportunities" : family + "s";
      methods.addAll(
          List.of(
              "get" + family,
              "get" + plural,
              "get" + plural + "DateRange",
              "create" + plural,
              "update" + plural,
              "delete" + plural));
    }
    return List.copyOf(methods);
  }

  static String family(String method) {
    for (String family : List.of("OpportunityLead", "Opportunit", "DealStage", "Field")) {
      if (method.contains(family)) {
        return family.equals("Opportunit") ? "Opportunity" : family;
      }
    }
    return "Opportunity";
  }

  /** The params of a method: right now and then, else each member hostile now and then. */
  ObjectNode params(String method) {
    String family = family(method);
    if (random.chance(25)) {
      return validParams(method, family);
    }
    ObjectNode params = NODES.objectNode();
    if (method.endsWith("DateRange")) {
      maybe(params, "startDate", this::date);
      maybe(params, "endDate", this::date);
      maybe(
          params,
          "timestamp",
          () ->
              random.chance(60)
                  ? NODES.stringNode(random.pick(List.of("create", "update", "")))
                  : hostile(1));
      maybe(params, "limit", this::count);
      maybe(params, "offset", this::count);
    } else if (method.startsWith("get") && (method.endsWith("s") || method.endsWith("ies"))) {
      maybe(params, "where", () -> where(family));
      maybe(params, "limit", this::count);
      maybe(params, "offset", this::count);
    } else if (method.startsWith("get")) {
      maybe(params, "id", this::idValue);
    } else {
      maybe(params, "objects", () -> objects(method, family));
    }
    if (random.chance(10)) {
      params.set(random.string(), hostile(1));
    }
    return params;
  }

  /** Params as a client that knows the protocol sends them. */
  ObjectNode validParams(String method, String family) {
    ObjectNode params = NODES.objectNode();
    if (method.endsWith("DateRange")) {
      params.put("startDate", "2020-01-01 00:00:00").put("endDate", "2035-12-31 23:59:59");
      params.put("timestamp", random.pick(List.of("create", "update")));
      params.put("limit", random.pick(List.of("5", "", "500")));
    } else if (method.startsWith("get") && (method.endsWith("s") || method.endsWith("ies"))) {
      ObjectNode where = params.putObject("where");
      switch (family) {
        case "Opportunity" -> where.put("ownerID", Long.toString(owner));
        case "OpportunityLead" -> where.put("opportunityID", opportunity);
        case "DealStage" -> where.put("isEditable", "1");
        default -> where.put("isCustom", random.chance(50) ? "1" : "0");
      }
      params.put("limit", 10).put("offset", random.pick(List.of("0", "", "3")));
    } else if (method.startsWith("get")) {
      params.set("id", rowId(family));
    } else {
      params.putArray("objects").add(valid(method, family));
    }
    return params;
  }

  void maybe(ObjectNode object, String name, java.util.function.Supplier<JsonNode> value) {
    if (random.chance(85)) {
      object.set(name, value.get());
    }
  }

  JsonNode date() {
    return random.chance(60)
        ? NODES.stringNode(
            random.pick(
                List.of(
                    "2026-01-01 00:00:00",
                    "2020-01-01",
                    "2030-12-31 23:59:59",
                    "2026-12-31T17:00:00Z",
                    "9999-12-31 23:59:59",
                    "0000-00-00 00:00:00",
                    "2026-02-30 00:00:00")))
        : hostile(1);
  }

  JsonNode count() {
    return random.chance(50)
        ? random.pick(
            List.of(
                NODES.numberNode(5),
                NODES.stringNode("10"),
                NODES.stringNode(""),
                NODES.numberNode(0),
                NODES.numberNode(new BigInteger("18446744073709551616")),
                NODES.numberNode(new BigInteger("-18446744073709551616")),
                NODES.stringNode(" 7 "),
                NODES.numberNode(new java.math.BigDecimal("1e-30000000"))))
        : hostile(1);
  }

  /** An id of any of this test's rows (any kind), of none, or no id at all. */
  JsonNode idValue() {
    return id(random.pick(List.of(opportunity, stage, association, field)));
  }

  /**
   * The id of a row a write changes: this test's row of the family, or no row. Ids are counted per
   * kind, so this test's opportunity id may well be the id of another test's field.
   */
  JsonNode rowId(String family) {
    return id(
        switch (family) {
          case "Opportunity" -> opportunity;
          case "OpportunityLead" -> association;
          case "DealStage" -> stage;
          default -> field;
        });
  }

  JsonNode id(long own) {
    int kind = random.random().nextInt(10);
    return switch (kind) {
      case 0, 1, 2 -> NODES.numberNode(own);
      case 3 -> NODES.stringNode(Long.toString(own));
      case 4 -> NODES.stringNode(" " + own + " ");
      case 5 ->
          random.pick(
              List.of(
                  NODES.numberNode(0),
                  NODES.numberNode(-1),
                  NODES.numberNode(999_999_999_999_999_999L),
                  NODES.numberNode(new BigInteger("18446744073709551616")),
                  NODES.stringNode("99999999999999999999"),
                  NODES.numberNode(new java.math.BigDecimal("1e-30000000")),
                  NODES.numberNode(new java.math.BigDecimal("1e999999999"))));
      default -> nonNumeric(1);
    };
  }

  JsonNode where(String family) {
    if (random.chance(20)) {
      return random.chance(50) ? NODES.objectNode() : hostile(2);
    }
    ObjectNode where = NODES.objectNode();
    for (int i = random.random().nextInt(4); i >= 0; i--) {
      String property = random.chance(85) ? random.pick(PROPERTIES.get(family)) : random.string();
      where.set(
          property,
          property.endsWith("ID") || property.equals("id")
              ? (random.chance(50) ? idValue() : hostile(1))
              : hostile(1));
    }
    return where;
  }

  JsonNode objects(String method, String family) {
    if (random.chance(10)) {
      return hostile(2);
    }
    ArrayNode objects = NODES.arrayNode();
    if (random.chance(4)) {
      // over the 500 an array may hold: nothing is written
      for (int i = 501 + random.random().nextInt(3000); i > 0; i--) {
        objects.add(random.chance(50) ? NODES.objectNode() : NODES.numberNode(i));
      }
      return objects;
    }
    for (int i = random.random().nextInt(4); i >= 0; i--) {
      objects.add(random.chance(85) ? mutate(valid(method, family), family) : hostile(1));
    }
    return objects;
  }

  /** A valid object of a write, naming only this test's rows. */
  ObjectNode valid(String method, String family) {
    ObjectNode object = NODES.objectNode();
    boolean create = method.startsWith("create");
    boolean delete = method.startsWith("delete");
    if (!create) {
      if (family.equals("Field") && delete) {
        return object.put("systemName", random.chance(70) ? fieldSystemName : random.string());
      }
      object.set("id", rowId(family));
      if (delete) {
        return object;
      }
    }
    switch (family) {
      case "Opportunity" -> {
        if (create) {
          object.put("ownerID", Long.toString(owner));
          object.put("dealStageID", "2");
          object.put("opportunityName", "Wire fuzz");
          object.put("closeDate", "2026-12-31");
        }
        object.put("amount", "1500.50");
      }
      case "OpportunityLead" -> {
        if (create) {
          object.put("opportunityID", Long.toString(opportunity));
        }
        object.put("leadID", 1000 + random.random().nextInt(1000));
      }
      case "DealStage" ->
          object.put(
              create ? "dealStageName" : "description", "Wire fuzz " + random.random().nextInt());
      default -> {
        if (create) {
          object.put("relationship", "lead");
          object.put("dataType", "text");
        }
        object.put("label", "Wire fuzz");
      }
    }
    return object;
  }

  /** Some properties replaced, removed or added; ids only by ids of this test's rows or none. */
  ObjectNode mutate(ObjectNode valid, String family) {
    for (int i = random.random().nextInt(3); i > 0; i--) {
      String property = random.chance(80) ? random.pick(PROPERTIES.get(family)) : random.string();
      JsonNode id =
          property.equals("id") ? rowId(family) : property.endsWith("ID") ? idValue() : null;
      switch (random.random().nextInt(3)) {
        case 0 -> valid.remove(property);
        case 1 -> valid.set(property, id != null ? id : hostile(1));
        default -> valid.set(property, id != null ? nonNumeric(1) : NODES.nullNode());
      }
    }
    // never a custom field of opportunities: one that is required would refuse others' writes
    if (valid.has("relationship") && !valid.path("relationship").asString("").equals("lead")) {
      valid.put("relationship", "lead");
    }
    return valid;
  }

  /** Anything at all: values, extreme numbers, odd strings, nesting, large arrays. */
  JsonNode hostile(int depth) {
    int kind = random.random().nextInt(10);
    return switch (kind) {
      case 0, 1, 2 -> random.value(depth);
      case 3 ->
          random.pick(
              List.of(
                  NODES.numberNode(new BigInteger("18446744073709551616")),
                  NODES.numberNode(new BigInteger("-18446744073709551616")),
                  NODES.numberNode(new BigInteger("9".repeat(1000))),
                  NODES.numberNode(new java.math.BigDecimal("1e-30000000")),
                  NODES.numberNode(new java.math.BigDecimal("-1e999999999")),
                  NODES.numberNode(new java.math.BigDecimal("0." + "3".repeat(900))),
                  NODES.numberNode(new java.math.BigDecimal("1e-10000"))));
      default -> nonNumeric(depth);
    };
  }

  /** Hostile, but never a number a row could be named by. */
  JsonNode nonNumeric(int depth) {
    int kind = random.random().nextInt(8);
    return switch (kind) {
      case 0 ->
          NODES.stringNode(
              random.pick(
                  List.of(
                      "18446744073709551616",
                      "1e-30000000",
                      "-1e999999999",
                      "1".repeat(100_000),
                      "0x10",
                      " ",
                      "\u0000",
                      "\ud800",
                      "2026-12-31 25:61:61")));
      case 1, 2 -> NODES.stringNode(random.string());
      case 3 -> {
        ArrayNode nested = NODES.arrayNode();
        ArrayNode inner = nested;
        for (int i = random.random().nextInt(300); i > 0; i--) {
          inner = inner.addArray();
        }
        yield nested;
      }
      case 4 -> {
        ArrayNode large = NODES.arrayNode();
        for (int i = random.random().nextInt(60_000); i > 0; i--) {
          large.add(i % 7);
        }
        yield large;
      }
      case 5 -> {
        ObjectNode wide = NODES.objectNode();
        for (int i = random.random().nextInt(2000); i > 0; i--) {
          wide.put("k" + i, random.chance(50) ? "v" : null);
        }
        yield wide;
      }
      case 6 -> NODES.booleanNode(random.chance(50));
      default -> depth > 0 ? random.value(depth) : NODES.nullNode();
    };
  }

  static String abbreviate(String text) {
    return text.length() > 300 ? text.substring(0, 300) + "..." : text;
  }
}
