package com.leadgencrm.opportunities.event;

import static com.leadgencrm.opportunities.opportunity.Opportunities.create;
import static com.leadgencrm.opportunities.opportunity.Opportunities.minimal;
import static com.leadgencrm.opportunities.opportunity.Opportunities.uniqueOwner;
import static com.leadgencrm.opportunities.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The OpenAPI document describes events (one schema per type) and webhooks. */
@IntegrationTest
class EventApiDocsTest {

  @Autowired Api api;
  @Autowired EventLog feed;

  /**
   * Events of real writes (REST, with a custom field that did not exist for the first of them, and
   * a stage deletion) validate against the document, in the feed and in a history.
   */
  @Test
  void pagesOfEventsValidateAgainstTheDocument() {
    long after = feed.head();
    var opportunity = minimal(uniqueOwner());
    opportunity.put("primaryLeadID", 905270274L);
    long id = create(api, opportunity);
    Api.Reply field =
        api.post(
            "/fields",
            json(
                Map.of(
                    "relationship", "opportunity",
                    "label", "Docs check",
                    "dataType", "text",
                    "dataLength", 20,
                    "isRequired", true,
                    "isCustom", true,
                    "isActive", true,
                    "isAvailableInContactManager", true,
                    "isEditableInContactManager", true,
                    "isAvailableInForms", false)));
    assertThat(field.status()).as(field.body()).isEqualTo(201);
    String required = field.json().path("systemName").asString();
    try {
      assertThat(
              api.patch("/opportunities/" + id, json(Map.of("amount", 20, required, "x"))).status())
          .isEqualTo(200);
      long stage =
          api.post(
                  "/dealStages",
                  json(Map.of("dealStageName", "Docs " + id, "defaultProbability", 35)))
              .id();
      assertThat(api.delete("/dealStages/" + stage).status()).isEqualTo(204);
      assertThat(api.delete("/opportunities/" + id).status()).isEqualTo(204);
      var validator =
          com.atlassian.oai.validator.OpenApiInteractionValidator.createForInlineApiSpecification(
                  api.get("/v3/api-docs").body())
              .build();
      for (String path :
          java.util.List.of("/events?after=" + after, "/opportunities/" + id + "/history")) {
        Api.Reply reply = api.get(path);
        assertThat(reply.json().path("items").size()).as(path).isGreaterThanOrEqualTo(4);
        var report =
            validator.validateResponse(
                path.replaceFirst("\\?.*", "").replace("/" + id + "/", "/{id}/"),
                com.atlassian.oai.validator.model.Request.Method.GET,
                com.atlassian.oai.validator.model.SimpleResponse.Builder.status(200)
                    .withContentType("application/json")
                    .withBody(reply.body())
                    .build());
        assertThat(
                report.getMessages().stream()
                    .filter(
                        message ->
                            message.getLevel()
                                == com.atlassian.oai.validator.report.ValidationReport.Level.ERROR)
                    .toList())
            .as(path + " " + reply.body())
            .isEmpty();
      }
    } finally {
      api.delete("/fields/" + field.id());
    }
  }

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
        .isEqualTo("#/components/schemas/OpportunityEventData");
    // an event keeps the representation of its time, which may predate a required custom field
    assertThat(schemas.path("OpportunityEventData").path("properties").has("opportunityName"))
        .isTrue();
    assertThat(schemas.path("OpportunityEventData").path("required").toString())
        .contains("opportunityName");
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
    assertThat(
            paths
                .path("/webhooks")
                .path("post")
                .path("callbacks")
                .path("event")
                .path("{$request.body#/url}")
                .path("post")
                .path("requestBody")
                .toString())
        .contains("#/components/schemas/Event");
  }
}
