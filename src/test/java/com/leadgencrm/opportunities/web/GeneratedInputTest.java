package com.leadgencrm.opportunities.web;

import static com.leadgencrm.opportunities.opportunity.Opportunities.minimal;
import static com.leadgencrm.opportunities.opportunity.Opportunities.uniqueOwner;
import static com.leadgencrm.opportunities.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.leadgencrm.opportunities.core.Role;
import com.leadgencrm.opportunities.opportunity.Opportunities;
import com.leadgencrm.opportunities.security.Keys;
import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.IntegrationTest;
import com.leadgencrm.opportunities.support.RandomInput;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Thousands of generated requests to every operation of the service's own OpenAPI document:
 * arbitrary JSON, wrong types, huge and unusual strings, extreme numbers, duplicated keys, broken
 * encodings, odd query parameters and headers. No answer may be a 5xx, and every answer must
 * validate against the OpenAPI document (Atlassian's swagger-request-validator).
 *
 * <p>{@code -Dfuzz.seed=...} replays a run; {@code -Dfuzz.requests=...} sets its size.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedInputTest {

  private static final Logger log = LoggerFactory.getLogger(GeneratedInputTest.class);
  private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
  private static final int REQUESTS = Integer.getInteger("fuzz.requests", 3000);
  private static final Duration BUDGET = Duration.ofSeconds(Long.getLong("fuzz.seconds", 120));

  @Autowired Api api;

  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  OpenApiInteractionValidator validator;
  JsonNode document;
  RandomInput random;
  final List<Operation> operations = new ArrayList<>();
  final Map<String, List<String>> ids = new HashMap<>();
  final List<String> tokens = new ArrayList<>();
  final List<Long> createdFields = new ArrayList<>();
  final Map<String, ObjectNode> validBodies = new HashMap<>();

  /** A documented operation. */
  record Operation(
      String method, String path, List<String> parameters, boolean hasBody, String bodySchema) {}

  @BeforeAll
  void prepare() {
    log.info("Generated input: seed {} (replay with -Dfuzz.seed={})", SEED, SEED);
    random = new RandomInput(SEED);
    String text = api.get("/v3/api-docs").body();
    document = Api.JSON.readTree(text);
    validator = OpenApiInteractionValidator.createForInlineApiSpecification(text).build();
    document
        .path("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        method -> {
                          List<String> parameters = new ArrayList<>();
                          method
                              .getValue()
                              .path("parameters")
                              .forEach(p -> parameters.add(p.path("name").asString()));
                          JsonNode body = method.getValue().path("requestBody").path("content");
                          String schema =
                              body.isMissingNode()
                                  ? ""
                                  : body.values()
                                      .iterator()
                                      .next()
                                      .path("schema")
                                      .path("$ref")
                                      .asString();
                          operations.add(
                              new Operation(
                                  method.getKey().toUpperCase(),
                                  path.getKey(),
                                  parameters,
                                  !body.isMissingNode(),
                                  schema.substring(schema.lastIndexOf('/') + 1)));
                        }));
    assertThat(operations).hasSizeGreaterThan(25);

    // fixtures of this test only: shared ones (the default pipeline, system fields) are never
    // written
    // every {id} goes to every resource's paths, so no fixture id may also be the id of a shared
    // resource of another kind (in a fresh database the first opportunity has id 1, the id of the
    // default pipeline's first stage, which a DELETE /dealStages/1?moveTo= would remove)
    long shared = highestSharedId();
    long owner = uniqueOwner();
    long opportunity;
    do {
      opportunity = Opportunities.create(api, minimal(owner));
    } while (opportunity <= shared);
    long stage = api.post("/dealStages", json(Map.of("dealStageName", "Fuzz " + SEED))).id();
    long association;
    long lead = 42;
    do {
      association = api.put("/opportunities/" + opportunity + "/leads/" + lead++, "").id();
    } while (association <= shared);
    Api.Reply key = Keys.create(api, Role.SALESPERSON, owner, null);
    tokens.add(Api.ADMIN_TOKEN);
    tokens.add(key.json().path("token").asString());
    tokens.add(
        Keys.create(api, Role.MARKETING_MANAGER, owner, null).json().path("token").asString());
    ids.put(
        "{id}",
        List.of(
            Long.toString(opportunity),
            Long.toString(stage),
            Long.toString(association),
            key.json().path("id").asString(),
            "0",
            "-1",
            "999999999999999999",
            "1e3",
            "abc",
            "%FF",
            "9".repeat(30)));
    // no unique field of this test's own: a field of it could share an id with a fixture, and be
    // changed by the generated requests (ExternalKeyTest drives upserts that do something)
    ids.put("{systemName}", List.of("no_such_key", "id", "ownerID", "%FF"));
    ids.put("{value}", List.of("FZ-1", "42", "-", "%FF", "x".repeat(300)));
    ids.put(
        "{leadID}",
        List.of("1", "42", "0", "-5", "x", "999999999999999999", "1000000000000000000"));
    validBodies.put("OpportunityInput", (ObjectNode) Api.JSON.valueToTree(minimal(owner)));
    validBodies.put("OpportunityPatch", (ObjectNode) Api.JSON.readTree("{\"amount\": 10}"));
    validBodies.put("DealStageInput", (ObjectNode) Api.JSON.readTree("{\"dealStageName\": \"F\"}"));
    validBodies.put(
        "FieldInput",
        (ObjectNode)
            Api.JSON.readTree(
                """
        {"relationship":"lead","label":"Fuzz","dataType":"text","dataLength":10,"isRequired":false,
         "isCustom":true,"isActive":true,"isAvailableInContactManager":true,"isEditableInContactManager":true,
         "isAvailableInForms":true}"""));
    validBodies.put(
        "OpportunityLeadInput",
        (ObjectNode) Api.JSON.readTree("{\"opportunityID\": " + opportunity + ", \"leadID\": 7}"));
    validBodies.put(
        "ApiKeyInput",
        (ObjectNode) Api.JSON.readTree("{\"userID\": 5, \"role\": \"SALESPERSON\"}"));
  }

  /** The highest id of the resources every test shares: the default pipeline and system fields. */
  long highestSharedId() {
    long highest = 0;
    for (String list :
        List.of(
            "/dealStages?limit=500", "/pipelines?limit=500", "/fields?isCustom=false&limit=500")) {
      for (JsonNode item : api.get(list).json().path("items")) {
        highest = Math.max(highest, item.path("id").asLong());
      }
    }
    return highest;
  }

  /**
   * Fields the run created must not outlive it: a required one would refuse other tests' writes.
   */
  @AfterAll
  void removeCreatedFields() {
    createdFields.forEach(id -> api.delete("/fields/" + id));
  }

  @Test
  void noGeneratedRequestGetsA5xxOrAnAnswerTheOpenApiDocumentDoesNotDescribe() throws Exception {
    long started = System.nanoTime();
    Map<String, Integer> statuses = new TreeMap<>();
    List<String> violations = new ArrayList<>();
    int sent = 0;
    String previous = "none";
    while (sent < REQUESTS && System.nanoTime() - started < BUDGET.toNanos()) {
      Operation operation = random.pick(operations);
      Generated request = generate(operation);
      HttpResponse<String> response;
      try {
        response = http.send(request.request(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        // a connection the service closed without saying so: the answer before is the suspect
        throw new AssertionError(
            "no answer to %s (seed %d, request %d, %d ms in), after %s"
                .formatted(
                    request.description(),
                    SEED,
                    sent + 1,
                    (System.nanoTime() - started) / 1_000_000,
                    previous),
            e);
      }
      sent++;
      previous =
          request.description()
              + " -> "
              + response.statusCode()
              + " "
              + response.headers().firstValue("Connection").orElse("(no Connection header)");
      statuses.merge(operation.method() + " " + response.statusCode(), 1, Integer::sum);
      assertThat(response.statusCode())
          .as("%s (seed %d)\n-> %s", request.description(), SEED, response.body())
          .isLessThan(500);
      if (operation.path().equals("/fields")
          && operation.method().equals("POST")
          && response.statusCode() == 201) {
        createdFields.add(Api.JSON.readTree(response.body()).path("id").asLong());
      }
      if (request.templatePath().endsWith("/") || request.templatePath().contains("//")) {
        continue; // not a documented path, though the validator would match it to one
      }
      ValidationReport report =
          validator.validateResponse(
              request.templatePath(), Request.Method.valueOf(operation.method()), simple(response));
      // requests to paths outside the document (an empty id, say) have no answer to check against
      List<ValidationReport.Message> errors =
          report.getMessages().stream()
              .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
              .filter(m -> m.getKey().startsWith("validation.response"))
              .toList();
      if (!errors.isEmpty()) {
        violations.add(
            request.description()
                + " -> "
                + response.statusCode()
                + " "
                + abbreviate(response.body())
                + "\n   "
                + errors);
      }
    }
    log.info(
        "Generated input: {} requests in {} ms, seed {}, statuses {}",
        sent,
        (System.nanoTime() - started) / 1_000_000,
        SEED,
        statuses);
    assertThat(sent).isGreaterThanOrEqualTo(Math.min(REQUESTS, 1000));
    assertThat(violations)
        .as("answers the OpenAPI document does not describe (seed %d)", SEED)
        .isEmpty();
  }

  record Generated(HttpRequest request, String templatePath, String description) {}

  Generated generate(Operation operation) {
    String path = operation.path();
    for (var placeholder : ids.entrySet()) {
      while (path.contains(placeholder.getKey())) {
        path =
            path.replaceFirst(
                java.util.regex.Pattern.quote(placeholder.getKey()),
                random.chance(90)
                    ? random.pick(placeholder.getValue())
                    : RandomInput.encode(random.string()));
      }
    }
    String query = random.chance(60) ? random.query(operation.parameters()) : "";
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(api.baseUrl() + path + query))
            .timeout(Duration.ofSeconds(60));
    String description = operation.method() + " " + path + query;
    if (random.chance(95)) {
      builder.header(
          "Authorization",
          "Bearer "
              + (random.chance(95)
                  ? random.pick(tokens)
                  : random.string().replaceAll("[^\\x21-\\x7e]", "")));
    }
    for (String header : List.of("Accept", "If-Match", "If-None-Match", "Idempotency-Key")) {
      if (random.chance(15)) {
        String value =
            random.pick(
                    List.of(
                        "application/json",
                        "*/*",
                        "text/html",
                        "\"1\"",
                        "*",
                        "W/\"1\"",
                        "\"1.2\"",
                        "application/problem+json",
                        "garbage",
                        ""))
                + (random.chance(20) ? random.string() : "");
        value = value.replaceAll("[^\\x20-\\x7e]", "");
        if (!value.isBlank()) {
          builder.header(header, value.trim());
          description += " [" + header + ": " + value.trim() + "]";
        }
      }
    }
    if (operation.hasBody()) {
      String json = body(operation);
      byte[] bytes = random.bytes(json);
      String contentType =
          random.chance(85)
              ? (operation.method().equals("PATCH") && random.chance(50)
                  ? "application/merge-patch+json"
                  : "application/json")
              : random.pick(
                  List.of(
                      "text/plain",
                      "application/xml",
                      "application/json; charset=ISO-8859-1",
                      "multipart/form-data; boundary=x",
                      "application/x-www-form-urlencoded"));
      builder
          .header("Content-Type", contentType)
          .method(operation.method(), HttpRequest.BodyPublishers.ofByteArray(bytes));
      description += " " + contentType + " " + abbreviate(json);
    } else {
      builder.method(operation.method(), HttpRequest.BodyPublishers.noBody());
    }
    return new Generated(builder.build(), path, description);
  }

  String body(Operation operation) {
    String schema =
        operation
            .bodySchema()
            .replace("OpportunityBatch", "OpportunityInput")
            .replace("OpportunityPatchBatch", "OpportunityPatch")
            .replace("OpportunityLeadBatch", "OpportunityLeadInput");
    ObjectNode valid =
        validBodies.getOrDefault(schema, validBodies.get(schema.replace("Patch", "Input")));
    int kind = random.random().nextInt(10);
    JsonNode body;
    if (valid == null || kind < 2) {
      body = random.value(3);
    } else if (kind < 8) {
      List<String> properties = new ArrayList<>();
      document
          .path("components")
          .path("schemas")
          .path(schema)
          .path("properties")
          .properties()
          .forEach(p -> properties.add(p.getKey()));
      properties.addAll(List.of("id", "createTimestamp"));
      body = random.mutate(valid, properties);
    } else {
      body = valid;
    }
    if (operation.path().endsWith("/batch") && random.chance(80)) {
      var items = Api.JSON.createArrayNode();
      for (int i = random.random().nextInt(4); i >= 0; i--) {
        items.add(
            random.chance(70) && valid != null
                ? random.mutate(valid, List.of("id", "amount"))
                : random.value(2));
      }
      if (operation.method().equals("PATCH")) {
        items.forEach(
            item -> {
              if (item instanceof ObjectNode object && random.chance(70)) {
                object.put("id", Long.parseLong(ids.get("{id}").get(0)));
              }
            });
      }
      body = Api.JSON.createObjectNode().set("items", items);
    }
    return Api.JSON.writeValueAsString(body);
  }

  static SimpleResponse simple(HttpResponse<String> response) {
    SimpleResponse.Builder builder = SimpleResponse.Builder.status(response.statusCode());
    Map<String, List<String>> headers = new LinkedHashMap<>(response.headers().map());
    headers.forEach(builder::withHeader);
    response.headers().firstValue("Content-Type").ifPresent(builder::withContentType);
    if (!response.body().isEmpty()) {
      builder.withBody(response.body());
    }
    return builder.build();
  }

  static String abbreviate(String text) {
    return text.length() > 300 ? text.substring(0, 300) + "..." : text;
  }
}
