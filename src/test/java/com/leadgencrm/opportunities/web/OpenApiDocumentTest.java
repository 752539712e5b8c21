package com.leadgencrm.opportunities.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The OpenAPI document tells the truth about the contract. */
@IntegrationTest
class OpenApiDocumentTest {

  @Autowired Api api;

  JsonNode schemas() {
    return api.get("/v3/api-docs").json().path("components").path("schemas");
  }

  static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asString()));
    return values;
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
    JsonNode paths = api.get("/v3/api-docs").json().path("paths");
    JsonNode create = paths.path("/dealStages").path("post").path("responses");
    assertThat(create.has("201")).isTrue();
    assertThat(create.path("400").path("content").has("application/problem+json")).isTrue();
    JsonNode patch = paths.path("/fields/{id}").path("patch").path("responses");
    assertThat(patch.has("404")).isTrue();
    assertThat(patch.has("409")).isTrue();
    assertThat(patch.has("412")).isTrue();
    assertThat(paths.path("/dealStages/{id}").path("delete").path("responses").has("204")).isTrue();
    assertThat(schemas().path("Problem").path("properties").has("errors")).isTrue();
  }

  @Test
  void swaggerUiCanAuthorizeWithAnApiKey() {
    JsonNode document = api.get("/v3/api-docs").json();
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
}
