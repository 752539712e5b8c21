package com.leadgencrm.opportunities.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The OpenAPI document describes events (one schema per type) and webhooks. */
@IntegrationTest
class EventApiDocsTest {

  @Autowired Api api;

  @Test
  void everyEventTypeHasASchemaWhoseDataIsItsResource() {
    JsonNode document = api.get("/v3/api-docs").json();
    JsonNode schemas = document.path("components").path("schemas");
    for (EventType type : EventType.values()) {
      String name = EventApiDocs.schemaName(type);
      assertThat(schemas.has(name)).as(name).isTrue();
      assertThat(schemas.path(name).path("properties").path("type").path("enum").get(0).asString())
          .isEqualTo(type.value());
      assertThat(
              schemas
                  .path("Event")
                  .path("discriminator")
                  .path("mapping")
                  .path(type.value())
                  .asString())
          .isEqualTo("#/components/schemas/" + name);
    }
    assertThat(
            schemas
                .path("OpportunityUpdatedEvent")
                .path("properties")
                .path("data")
                .path("$ref")
                .asString())
        .isEqualTo("#/components/schemas/Opportunity");
    assertThat(
            schemas
                .path("DealStageDeletedEvent")
                .path("properties")
                .path("data")
                .path("$ref")
                .asString())
        .isEqualTo("#/components/schemas/DealStage");
    JsonNode paths = document.path("paths");
    assertThat(
            paths
                .path("/events")
                .path("get")
                .path("responses")
                .path("200")
                .path("content")
                .path("application/json")
                .path("schema")
                .path("$ref")
                .asString())
        .isEqualTo("#/components/schemas/EventPage");
    assertThat(paths.path("/events").path("get").path("responses").has("410")).isTrue();
    assertThat(paths.path("/opportunities/{id}/history").path("get").path("responses").has("404"))
        .isTrue();

    JsonNode rotate = paths.path("/webhooks/{id}/rotateSecret").path("post").path("responses");
    assertThat(rotate.has("200")).isTrue();
    assertThat(rotate.has("201")).isFalse();
    assertThat(paths.path("/webhooks/{id}/replay").path("post").path("responses").has("202"))
        .isTrue();
    assertThat(schemas.path("WebhookWithSecret").path("properties").has("url")).isTrue();
    assertThat(schemas.path("WebhookWithSecret").path("properties").has("secret")).isTrue();
    assertThat(schemas.path("WebhookPatch").path("properties").has("isActive")).isTrue();
  }
}
