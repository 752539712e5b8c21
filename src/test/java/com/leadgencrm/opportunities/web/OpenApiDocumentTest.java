package com.leadgencrm.opportunities.web;

import static com.leadgencrm.opportunities.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.ContractFields;
import com.leadgencrm.opportunities.support.CustomFields;
import com.leadgencrm.opportunities.support.IntegrationTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The OpenAPI document tells the truth about the contract. */
@IntegrationTest
class OpenApiDocumentTest {

  @Autowired Api api;

  JsonNode document() {
    return api.get("/v3/api-docs").json();
  }

  JsonNode schemas() {
    return document().path("components").path("schemas");
  }

  static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asString()));
    return values;
  }

  /** Every operation of the document, as "METHOD path" to its object. */
  Map<String, JsonNode> operations(JsonNode document) {
    Map<String, JsonNode> operations = new LinkedHashMap<>();
    document
        .path("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        method ->
                            operations.put(
                                method.getKey().toUpperCase() + " " + path.getKey(),
                                method.getValue())));
    return operations;
  }

  @Test
  void dealStageSchemaHasRequiredListAndLengths() {
    JsonNode input = schemas().path("DealStageInput");
    assertThat(strings(input.path("required"))).containsExactly("dealStageName");
    assertThat(input.path("properties").path("dealStageName").path("maxLength").asInt())
        .isEqualTo(255);
    assertThat(input.path("properties").path("description").path("maxLength").asInt())
        .isEqualTo(255);
    assertThat(input.path("properties").path("defaultProbability").path("maximum").asInt())
        .isEqualTo(100);
    assertThat(input.path("properties").path("defaultProbability").path("minimum").asInt())
        .isEqualTo(0);
    assertThat(input.path("properties").path("dealStageName").has("example")).isTrue();
  }

  @Test
  void fieldSchemaHasTheSchemasRequiredList() {
    JsonNode input = schemas().path("FieldInput");
    assertThat(strings(input.path("required")))
        .containsExactlyInAnyOrder(
            "relationship",
            "label",
            "dataType",
            "dataLength",
            "isRequired",
            "isCustom",
            "isActive",
            "isAvailableInContactManager",
            "isEditableInContactManager",
            "isAvailableInForms");
    assertThat(input.path("properties").path("label").path("maxLength").asInt()).isEqualTo(255);
    assertThat(input.path("properties").path("systemName").path("maxLength").asInt())
        .isEqualTo(255);
  }

  @Test
  void patchSchemasRequireNothing() {
    assertThat(schemas().path("DealStagePatch").has("required")).isFalse();
    assertThat(schemas().path("DealStagePatch").path("properties").has("dealStageName")).isTrue();
    assertThat(schemas().path("FieldPatch").has("required")).isFalse();
  }

  @Test
  void operationsDocumentTheirErrorResponses() {
    JsonNode paths = document().path("paths");
    JsonNode create = paths.path("/dealStages").path("post").path("responses");
    assertThat(create.has("201")).isTrue();
    assertThat(create.path("400").path("content").has("application/problem+json")).isTrue();
    JsonNode patch = paths.path("/fields/{id}").path("patch").path("responses");
    assertThat(patch.has("404")).isTrue();
    assertThat(patch.has("409")).isTrue();
    assertThat(patch.has("412")).isTrue();
    assertThat(paths.path("/dealStages/{id}").path("delete").path("responses").has("204")).isTrue();
    assertThat(schemas().path("Problem").path("properties").has("errors")).isTrue();
    assertThat(schemas().path("Problem").path("properties").has("requestId")).isTrue();
  }

  @Test
  void eachErrorResponseHasAnExampleOfItsOwn() {
    operations(document())
        .forEach(
            (operation, definition) ->
                definition
                    .path("responses")
                    .properties()
                    .forEach(
                        response -> {
                          if (response.getKey().compareTo("400") < 0) {
                            return;
                          }
                          JsonNode content = response.getValue().path("content");
                          if (content.has("application/json")) {
                            // the wire protocol's envelope, with the status as its error code
                            assertThat(
                                    content
                                        .path("application/json")
                                        .path("example")
                                        .path("error")
                                        .path("code")
                                        .asString())
                                .as(operation + " " + response.getKey())
                                .isEqualTo(response.getKey());
                            return;
                          }
                          JsonNode example =
                              content.path("application/problem+json").path("example");
                          assertThat(example.path("status").asString())
                              .as(operation + " " + response.getKey())
                              .isEqualTo(response.getKey());
                          assertThat(example.path("detail").asString()).isNotBlank();
                        }));
  }

  @Test
  void swaggerUiCanAuthorizeWithAnApiKey() {
    JsonNode document = document();
    JsonNode scheme = document.path("components").path("securitySchemes").path("apiKey");
    assertThat(scheme.path("type").asString()).isEqualTo("http");
    assertThat(scheme.path("scheme").asString()).isEqualTo("bearer");
    assertThat(document.path("security").get(0).has("apiKey")).isTrue();
    assertThat(document.path("info").path("description").asString()).contains("JR_SALESPERSON");
    JsonNode list = document.path("paths").path("/opportunities").path("get").path("responses");
    assertThat(list.has("401")).isTrue();
    assertThat(list.has("403")).isTrue();
    assertThat(list.has("429")).isTrue();
  }

  @Test
  void swaggerUiIsServed() {
    assertThat(api.get("/swagger-ui.html").status()).isIn(200, 302);
    assertThat(api.get("/swagger-ui/index.html").status()).isEqualTo(200);
  }

  @Test
  void everyOperationHasOneTagAndAMeaningfulUniqueId() {
    Set<String> ids = new HashSet<>();
    operations(document())
        .forEach(
            (operation, definition) -> {
              assertThat(definition.path("tags").size()).as(operation).isEqualTo(1);
              String id = definition.path("operationId").asString();
              assertThat(id).as(operation).matches("[a-z][A-Za-z0-9_]*").doesNotMatch(".*_\\d+");
              assertThat(ids.add(id)).as("unique " + id).isTrue();
            });
    assertThat(ids).contains("callWireProtocol", "callWireProtocolV1");
  }

  @Test
  void listParametersSayWhatTheyTake() {
    operations(document())
        .forEach(
            (operation, definition) -> {
              for (JsonNode parameter : definition.path("parameters")) {
                String name = parameter.path("name").asString();
                JsonNode schema = parameter.path("schema");
                if (name.equals("limit")) {
                  assertThat(schema.path("minimum").asInt()).as(operation).isEqualTo(1);
                  assertThat(schema.path("maximum").asInt()).as(operation).isEqualTo(500);
                }
                if (name.equals("sort")) {
                  assertThat(schema.path("enum").isEmpty()).as(operation).isFalse();
                }
                if (parameter.path("in").asString().equals("query")) {
                  // Swagger UI fills in examples: "Try it out" must not filter
                  assertThat(parameter.has("example")).as(operation + " " + name).isFalse();
                  assertThat(schema.has("example")).as(operation + " " + name).isFalse();
                }
                if (schema.path("type").asString().equals("array")) {
                  // form style, exploded: ownerID=7&ownerID=9, as generated clients send arrays
                  assertThat(parameter.path("style").asString("form")).isEqualTo("form");
                  assertThat(parameter.path("explode").asBoolean(true)).as(operation).isTrue();
                }
              }
            });
  }

  @Test
  void everyDocumentedSortWorks() {
    JsonNode paths = document().path("paths");
    for (String list : List.of("/opportunities", "/dealStages", "/fields", "/opportunityLeads")) {
      for (JsonNode parameter : paths.path(list).path("get").path("parameters")) {
        if (parameter.path("name").asString().equals("sort")) {
          for (JsonNode sort : parameter.path("schema").path("enum")) {
            assertThat(api.get(list + "?limit=1&sort=" + sort.asString()).status())
                .as(list + " sort=" + sort.asString())
                .isEqualTo(200);
          }
        }
      }
    }
  }

  @Test
  void headersAreDeclaredWhereTheyOccur() {
    JsonNode document = document();
    JsonNode paths = document.path("paths");
    assertThat(document.path("components").path("headers").properties())
        .extracting(Map.Entry::getKey)
        .contains(
            "X-Request-Id",
            "RateLimit",
            "RateLimit-Policy",
            "Retry-After",
            "WWW-Authenticate",
            "ETag",
            "Location",
            "Idempotent-Replayed");
    JsonNode create = paths.path("/opportunities").path("post");
    assertThat(create.path("responses").path("201").path("headers").properties())
        .extracting(Map.Entry::getKey)
        .contains("Location", "ETag", "Idempotent-Replayed", "X-Request-Id", "RateLimit");
    JsonNode read = paths.path("/opportunities/{id}").path("get");
    assertThat(read.path("responses").path("200").path("headers").has("ETag")).isTrue();
    assertThat(read.path("responses").has("304")).isTrue();
    assertThat(read.path("parameters"))
        .extracting(parameter -> parameter.path("name").asString())
        .contains("If-None-Match");
    assertThat(read.path("responses").path("401").path("headers").has("WWW-Authenticate")).isTrue();
    assertThat(read.path("responses").path("401").path("headers").has("RateLimit")).isFalse();
    assertThat(read.path("responses").path("429").path("headers").has("Retry-After")).isTrue();
    assertThat(read.path("responses").path("503").path("headers").has("Retry-After")).isTrue();
    // API keys carry no entity tags
    assertThat(paths.path("/apiKeys/{id}").path("get").path("responses").has("304")).isFalse();
    operations(document)
        .forEach(
            (operation, definition) ->
                definition
                    .path("responses")
                    .properties()
                    .forEach(
                        response ->
                            assertThat(response.getValue().path("headers").has("X-Request-Id"))
                                .as(operation + " " + response.getKey())
                                .isTrue()));
  }

  @Test
  void batchItemsAreTyped() {
    JsonNode schemas = schemas();
    assertThat(item(schemas, "OpportunityBatch"))
        .isEqualTo("#/components/schemas/OpportunityInput");
    assertThat(item(schemas, "OpportunityPatchBatch"))
        .isEqualTo("#/components/schemas/OpportunityPatchItem");
    assertThat(item(schemas, "OpportunityLeadBatch"))
        .isEqualTo("#/components/schemas/OpportunityLeadInput");
    assertThat(
            schemas
                .path("OpportunityBatch")
                .path("properties")
                .path("items")
                .path("maxItems")
                .asInt())
        .isEqualTo(500);
    assertThat(strings(schemas.path("OpportunityPatchItem").path("required")))
        .containsExactly("id");
  }

  static String item(JsonNode schemas, String batch) {
    return schemas
        .path(batch)
        .path("properties")
        .path("items")
        .path("items")
        .path("$ref")
        .asString();
  }

  @Test
  void patternsAreJavaScriptRegularExpressionsAndNullableHasAType() {
    String document = api.get("/v3/api-docs").body();
    assertThat(document).doesNotContain("(?s)").doesNotContain("(?i)");
    List<String> untyped = new ArrayList<>();
    collectUntypedNullables("", api.get("/v3/api-docs").json(), untyped);
    assertThat(untyped).isEmpty();
  }

  static void collectUntypedNullables(String at, JsonNode node, List<String> into) {
    if (node.isObject()) {
      if (node.path("nullable").asBoolean(false)
          && !node.has("type")
          && !node.has("$ref")
          && !node.has("oneOf")
          && !node.has("anyOf")
          && !node.has("allOf")) {
        into.add(at);
      }
      node.properties()
          .forEach(p -> collectUntypedNullables(at + "/" + p.getKey(), p.getValue(), into));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collectUntypedNullables(at + "/" + i, node.get(i), into);
      }
    }
  }

  @Test
  void requestExamplesWorkAsShown() {
    JsonNode schemas = schemas();
    Api.Reply opportunity =
        api.post("/opportunities", schemas.path("OpportunityInput").path("example").toString());
    assertThat(opportunity.status()).as(opportunity.body()).isEqualTo(201);
    Api.Reply batch =
        api.post(
            "/opportunities/batch", schemas.path("OpportunityBatch").path("example").toString());
    assertThat(batch.json().path("results"))
        .extracting(result -> result.path("status").asInt())
        .containsOnly(201);
    Api.Reply patched =
        api.patch(
            "/opportunities/" + opportunity.id(),
            schemas.path("OpportunityPatch").path("example").toString());
    assertThat(patched.status()).as(patched.body()).isEqualTo(200);

    ObjectNode stage = (ObjectNode) schemas.path("DealStageInput").path("example").deepCopy();
    stage.put("dealStageName", stage.path("dealStageName").asString() + " " + System.nanoTime());
    Api.Reply created = api.post("/dealStages", stage.toString());
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(
            api.patch(
                    "/dealStages/" + created.id(),
                    schemas.path("DealStagePatch").path("example").toString())
                .status())
        .isEqualTo(200);
    api.delete("/dealStages/" + created.id());

    Api.Reply field = api.post("/fields", schemas.path("FieldInput").path("example").toString());
    assertThat(field.status()).as(field.body()).isEqualTo(201);
    assertThat(
            api.patch(
                    "/fields/" + field.id(), schemas.path("FieldPatch").path("example").toString())
                .status())
        .isEqualTo(200);
    api.delete("/fields/" + field.id());

    Api.Reply key = api.post("/apiKeys", schemas.path("ApiKeyInput").path("example").toString());
    assertThat(key.status()).as(key.body()).isEqualTo(201);
  }

  @Test
  void customFieldsAreTypedPropertiesOfOpportunities() {
    List<Long> fields = ContractFields.ensure(api);
    try {
      JsonNode schemas = schemas();
      JsonNode opportunity = schemas.path("Opportunity").path("properties");
      assertThat(opportunity.path("contract_type").path("type").asString()).isEqualTo("string");
      assertThat(opportunity.path("contract_type").path("maxLength").asInt()).isEqualTo(50);
      assertThat(opportunity.path("contract_type").path("nullable").asBoolean()).isTrue();
      assertThat(opportunity.path("seats").path("type").asString()).isEqualTo("integer");
      assertThat(opportunity.path("seats").path("format").asString()).isEqualTo("int64");
      assertThat(opportunity.path("discount_rate").path("type").asString()).isEqualTo("number");
      assertThat(opportunity.path("is_strategic").path("type").asString()).isEqualTo("boolean");
      assertThat(opportunity.path("renewal_date").path("format").asString()).isEqualTo("date");
      assertThat(opportunity.path("signed_at").path("format").asString()).isEqualTo("date-time");
      assertThat(opportunity.path("buyer_email").path("format").asString()).isEqualTo("email");
      assertThat(opportunity.path("deal_url").path("format").asString()).isEqualTo("uri");
      assertThat(opportunity.path("buyer_phone").path("maxLength").asInt()).isEqualTo(40);
      for (String schema :
          List.of("OpportunityInput", "OpportunityPatch", "OpportunityPatchItem")) {
        assertThat(
                schemas.path(schema).path("properties").path("seats").path("nullable").asBoolean())
            .as(schema)
            .isTrue();
      }
      assertThat(schemas.path("Opportunity").has("additionalProperties")).isFalse();
      assertThat(schemas.path("OpportunityInput").has("additionalProperties")).isFalse();
    } finally {
      fields.forEach(id -> api.delete("/fields/" + id));
    }
    assertThat(schemas().path("Opportunity").path("properties").has("seats")).isFalse();
  }

  @Test
  void theDocumentFollowsTheFieldCatalogAtOnce() {
    Map<String, Object> field = CustomFields.definition("Region", "text", 8);
    field.put("isRequired", true);
    Api.Reply created = api.post("/fields", json(field));
    String name = created.json().path("systemName").asString();
    try {
      JsonNode schemas = schemas();
      assertThat(strings(schemas.path("OpportunityInput").path("required"))).contains(name);
      assertThat(schemas.path("OpportunityPatch").has("required")).isFalse();
      // the example of a create gives the required field a value that fits its length
      JsonNode example = schemas.path("OpportunityInput").path("example");
      assertThat(example.path(name).asString()).hasSizeLessThanOrEqualTo(8).isNotEmpty();
      assertThat(api.post("/opportunities", example.toString()).status()).isEqualTo(201);

      api.patch("/fields/" + created.id(), "{\"isActive\": false}");
      assertThat(schemas().path("Opportunity").path("properties").has(name)).isFalse();
      api.patch("/fields/" + created.id(), "{\"isActive\": true, \"dataLength\": 20}");
      assertThat(
              schemas().path("Opportunity").path("properties").path(name).path("maxLength").asInt())
          .isEqualTo(20);
    } finally {
      api.delete("/fields/" + created.id());
    }
    assertThat(schemas().path("OpportunityInput").path("properties").has(name)).isFalse();
  }

  @Test
  void noSchemaIsLeftUnused() {
    JsonNode document = document();
    String text = document.toString();
    document
        .path("components")
        .path("schemas")
        .properties()
        .forEach(
            schema ->
                assertThat(text)
                    .as(schema.getKey())
                    .contains("\"#/components/schemas/" + schema.getKey() + "\""));
  }
}
