package com.leadgencrm.opportunities.event;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.DateTimeSchema;
import io.swagger.v3.oas.models.media.Discriminator;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * The events in the OpenAPI document: one schema per event type (its {@code data} the schema of its
 * resource), the pages of the feed and of a history, and the 410 of an expired position.
 */
@Configuration(proxyBeanMethods = false)
class EventApiDocs {

  private static final String SCHEMAS = "#/components/schemas/";

  @Bean
  @Order(Ordered.LOWEST_PRECEDENCE)
  OpenApiCustomizer eventSchemas() {
    return openApi -> {
      @SuppressWarnings("rawtypes")
      Map<String, Schema> schemas = openApi.getComponents().getSchemas();
      schemas.put("EventActor", actor());
      schemas.put("EventResource", resource());
      schemas.put("EventChange", change());
      eventData(schemas);
      Discriminator discriminator = new Discriminator().propertyName("type");
      List<Schema<?>> types = new ArrayList<>();
      for (EventType type : EventType.values()) {
        String name = schemaName(type);
        schemas.put(name, event(type, schemas.containsKey(dataSchema(type))));
        discriminator.mapping(type.value(), SCHEMAS + name);
        types.add(new Schema<>().$ref(SCHEMAS + name));
      }
      Schema<?> anyEvent =
          new Schema<>().oneOf(new ArrayList<>(types)).discriminator(discriminator);
      anyEvent.setDescription("An event: its type decides the schema of its data");
      schemas.put("Event", anyEvent);
      schemas.put(
          "EventPage",
          page("Events in id order; follow nextCursor (never null) to see each once", false));
      schemas.put("EventHistoryPage", page("An opportunity's events, newest first", true));
      gone(openApi, "/events", "get");
      gone(openApi, "/webhooks/{id}/replay", "post");
    };
  }

  /** The schema of the data of opportunity events: see {@link #eventData}. */
  static final String OPPORTUNITY_EVENT_DATA = "OpportunityEventData";

  /**
   * The data of opportunity events: an Opportunity whose custom fields are not required. An event
   * keeps the representation of its time, so one recorded before a custom field existed (or while
   * it was inactive) lacks it; the document adds every active custom field to this schema, as an
   * optional property ({@code CustomFieldDocument}).
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static void eventData(Map<String, Schema> schemas) {
    Schema opportunity = schemas.get("Opportunity");
    if (opportunity == null) {
      return;
    }
    Schema data = new ObjectSchema();
    data.setProperties(new java.util.LinkedHashMap<>(opportunity.getProperties()));
    data.setRequired(
        opportunity.getRequired() == null ? null : new ArrayList<>(opportunity.getRequired()));
    // a field deleted or deactivated since is still in the events recorded while it was active
    data.setAdditionalProperties(true);
    data.setDescription(
        "An opportunity as a GET returned it when the event was recorded. Its custom fields are"
            + " those active then: an event recorded before a custom field existed, or while it"
            + " was inactive, lacks it, so no custom field is required here; one deleted or"
            + " deactivated since is still there, so other properties may appear.");
    schemas.put(OPPORTUNITY_EVENT_DATA, data);
  }

  static String schemaName(EventType type) {
    String resource = type.resource().value();
    String action = type.action().name().toLowerCase(java.util.Locale.ROOT);
    return Character.toUpperCase(resource.charAt(0))
        + resource.substring(1)
        + Character.toUpperCase(action.charAt(0))
        + action.substring(1)
        + "Event";
  }

  private static String dataSchema(EventType type) {
    if (type.resource() == ResourceType.OPPORTUNITY) {
      return OPPORTUNITY_EVENT_DATA;
    }
    String resource = type.resource().value();
    return Character.toUpperCase(resource.charAt(0)) + resource.substring(1);
  }

  private static Schema<?> event(EventType type, boolean resourceSchemaExists) {
    Schema<?> data =
        resourceSchemaExists
            ? new Schema<>().$ref(SCHEMAS + dataSchema(type))
            : new ObjectSchema().description("The " + type.resource().value());
    String dataMeaning =
        switch (type.action()) {
          case CREATED -> "the resource as created";
          case UPDATED -> "the resource after the change";
          case DELETED -> "the resource's last state";
          case RESTORED -> "the resource as restored";
          case PURGED -> "the resource's last state";
        };
    Schema<?> changes =
        type.action() == EventType.Action.UPDATED
            // a plain Schema: ObjectSchema would write a map example as its toString()
            ? new Schema<Object>()
                .type("object")
                .additionalProperties(new Schema<>().$ref(SCHEMAS + "EventChange"))
                .description(
                    "Every changed property (custom fields included), with its value before and "
                        + "after")
                .example(changeExample(type.resource()))
            : new ObjectSchema().nullable(true).description("Null: only updates list changes");
    Schema<?> event =
        new ObjectSchema()
            .description(
                type.value()
                    + ": data is "
                    + dataMeaning
                    + ". CloudEvents 1.0 attributes: id, type, source, specversion, subject, "
                    + "time, datacontenttype, data.")
            .addProperty(
                "id",
                new IntegerSchema()
                    .format("int64")
                    .description("Position in the feed, in commit order; the webhook-id")
                    .example(1234))
            .addProperty("type", new StringSchema()._enum(List.of(type.value())))
            .addProperty(
                "occurredAt", new DateTimeSchema().description("When the change was made (UTC)"))
            .addProperty(
                "transactionID",
                new StringSchema()
                    .format("uuid")
                    .description("The same for every event of one transaction"))
            .addProperty("actor", new Schema<>().$ref(SCHEMAS + "EventActor"))
            .addProperty("resource", new Schema<>().$ref(SCHEMAS + "EventResource"))
            .addProperty("data", data)
            .addProperty("changes", changes)
            .addProperty("specversion", new StringSchema()._enum(List.of("1.0")))
            .addProperty("source", new StringSchema().example(EventRecorder.SOURCE))
            .addProperty("subject", new StringSchema().example(type.resource().value() + "/42"))
            .addProperty("time", new DateTimeSchema().description("occurredAt, for CloudEvents"))
            .addProperty("datacontenttype", new StringSchema()._enum(List.of("application/json")));
    // every property, in the order events are written
    List<String> required = new ArrayList<>(List.of("id"));
    for (RecordComponent component : EventPayloads.Event.class.getRecordComponents()) {
      required.add(component.getName());
    }
    event.setRequired(required);
    return event;
  }

  private static Schema<?> actor() {
    Schema<?> actor =
        new ObjectSchema()
            .description("Who made the change; both null for the service's own work")
            .addProperty("userID", new IntegerSchema().format("int64").nullable(true).example(7))
            .addProperty("keyId", new StringSchema().nullable(true).example("key_3f9a2c"));
    actor.setRequired(List.of("userID", "keyId"));
    return actor;
  }

  private static Schema<?> resource() {
    Schema<?> resource =
        new ObjectSchema()
            .addProperty(
                "type",
                new StringSchema()
                    ._enum(
                        java.util.Arrays.stream(ResourceType.values())
                            .map(ResourceType::value)
                            .toList()))
            .addProperty("id", new IntegerSchema().format("int64").example(42));
    resource.setRequired(List.of("type", "id"));
    return resource;
  }

  private static Schema<?> change() {
    Schema<?> change =
        new ObjectSchema()
            .description("A property's value before and after (null when it had none)")
            .addProperty("from", new Schema<>().nullable(true))
            .addProperty("to", new Schema<>().nullable(true));
    change.setRequired(List.of("from", "to"));
    return change;
  }

  private static Schema<?> page(String description, boolean lastPageHasNoCursor) {
    Schema<?> page =
        new ObjectSchema()
            .description(description)
            .addProperty("items", new ArraySchema().items(new Schema<>().$ref(SCHEMAS + "Event")))
            .addProperty(
                "nextCursor",
                new StringSchema()
                    .nullable(lastPageHasNoCursor)
                    .description(
                        lastPageHasNoCursor
                            ? "Pass as cursor to get the next page; null on the last page"
                            : "Pass as cursor to continue; never null, poll it for what comes"));
    page.setRequired(List.of("items", "nextCursor"));
    return page;
  }

  private static void gone(OpenAPI openApi, String path, String method) {
    var item = openApi.getPaths() == null ? null : openApi.getPaths().get(path);
    if (item == null) {
      return;
    }
    var operation = method.equals("get") ? item.getGet() : item.getPost();
    if (operation == null) {
      return;
    }
    operation
        .getResponses()
        .addApiResponse(
            "410",
            new ApiResponse()
                .description(
                    "The position is older than the feed's retention (CRM_EVENTS_RETENTION_DAYS): "
                        + "events are gone, resync")
                .content(
                    new Content()
                        .addMediaType(
                            "application/problem+json",
                            new MediaType().schema(new Schema<>().$ref(SCHEMAS + "Problem")))));
  }

  /** A change of a property the resource has. */
  private static Map<String, Object> changeExample(ResourceType resource) {
    return switch (resource) {
      case OPPORTUNITY -> Map.of("amount", Map.of("from", 100.00, "to", 250.00));
      case OPPORTUNITY_LEAD -> Map.of("leadID", Map.of("from", 905270274, "to", 905270275));
      case DEAL_STAGE -> Map.of("defaultProbability", Map.of("from", 20, "to", 30));
      case PIPELINE -> Map.of("name", Map.of("from", "Sales", "to", "New business"));
      case FIELD -> Map.of("label", Map.of("from", "Budget", "to", "Approved budget"));
    };
  }
}
