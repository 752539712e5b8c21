package com.leadgencrm.opportunities.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.JsonNode;

/** The OpenAPI document describes events (one schema per type) and webhooks. */
@IntegrationTest
class EventApiDocsTest {

  @Autowired Api api;
  @Autowired EventRecorder recorder;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired JdbcClient jdbc;
  @Autowired EventLog feed;

  @Test
  void pagesOfEventsValidateAgainstTheDocument() {
    SyntheticEvents events = new SyntheticEvents(recorder, transactionManager, jdbc);
    try {
      long after = feed.head();
      long id = SyntheticEvents.nextId();
      long link = SyntheticEvents.nextId();
      long stage = SyntheticEvents.nextId();
      var v1 = SyntheticEvents.opportunity(id, 7001, "10.00", "2026-11-28T09:30:00Z");
      var v2 = SyntheticEvents.with(v1, "amount", new java.math.BigDecimal("20.00"));
      events.inTransaction(
          EventFeedTest.ANN,
          r ->
              r.recordAll(
                  java.util.List.of(
                      Change.of(EventType.OPPORTUNITY_CREATED, id, null, v1),
                      Change.of(EventType.OPPORTUNITY_UPDATED, id, v1, v2),
                      Change.ofAssociation(
                          EventType.OPPORTUNITY_LEAD_CREATED,
                          link,
                          null,
                          SyntheticEvents.association(link, id, 9),
                          7001),
                      Change.of(
                          EventType.DEAL_STAGE_DELETED,
                          stage,
                          SyntheticEvents.dealStage(stage, "Gone"),
                          null),
                      Change.of(EventType.OPPORTUNITY_DELETED, id, v2, null))));
      var validator =
          com.atlassian.oai.validator.OpenApiInteractionValidator.createForInlineApiSpecification(
                  api.get("/v3/api-docs").body())
              .build();
      for (String path :
          java.util.List.of("/events?after=" + after, "/opportunities/" + id + "/history")) {
        Api.Reply reply = api.get(path);
        assertThat(reply.json().path("items").size()).isGreaterThanOrEqualTo(4);
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
      events.cleanUp();
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
