package com.leadgencrm.opportunities.web;

import com.leadgencrm.opportunities.core.InvalidField;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document: the error responses every operation can really give (each with an example
 * of its own), the headers of every answer, the problem schema, and merge-patch schemas derived
 * from the input schemas.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  static final String PROBLEM = "Problem";
  static final String BEARER = "apiKey";

  /** Response headers, declared once under components/headers. */
  static final String X_REQUEST_ID = "X-Request-Id";

  static final String RATE_LIMIT = "RateLimit";
  static final String RATE_LIMIT_POLICY = "RateLimit-Policy";

  @Bean
  OpenAPI openApi(HttpProperties http) {
    OpenAPI openApi =
        new OpenAPI()
            .info(
                new Info()
                    .title("Opportunities service")
                    .version("v1")
                    .description(ApiDescription.TEXT)
                    .license(
                        new License()
                            .name("Apache-2.0")
                            .url("https://www.apache.org/licenses/LICENSE-2.0")))
            .components(
                new Components()
                    .addSecuritySchemes(
                        BEARER,
                        new SecurityScheme()
                            .type(SecurityScheme.Type.HTTP)
                            .scheme("bearer")
                            .bearerFormat("<keyId>.<secret>")
                            .description(
                                "An API key token, as POST /apiKeys returns it (or CRM_BOOTSTRAP_KEY)")))
            .addSecurityItem(new SecurityRequirement().addList(BEARER));
    // without it, springdoc names the URL each request of the document was sent to
    String server = http.server();
    if (server != null) {
      openApi.servers(List.of(new Server().url(server).description("The service")));
    }
    return openApi;
  }

  /**
   * One tag per operation: an operation that names its tags has those alone, not its controller's
   * as well (an operation under two tags is generated twice, which breaks typescript-fetch).
   */
  @Bean
  OperationCustomizer ownTags() {
    return (operation, handler) -> {
      io.swagger.v3.oas.annotations.Operation annotation =
          handler.getMethodAnnotation(io.swagger.v3.oas.annotations.Operation.class);
      if (annotation != null && annotation.tags().length > 0) {
        operation.setTags(new ArrayList<>(List.of(annotation.tags())));
      }
      return operation;
    };
  }

  @Bean
  OpenApiCustomizer errorResponses(JsonBodyDocs bodies) {
    return openApi -> {
      openApi.getComponents().addSchemas(PROBLEM, problemSchema());
      openApi
          .getComponents()
          .getSchemas()
          .putAll(ModelConverters.getInstance().read(InvalidField.class));
      openApi.getComponents().getSchemas().remove("ProblemDetail");
      OperationResponses.headers().forEach(openApi.getComponents()::addHeaders);
      bodies.addSchemas(openApi);
      deriveMergePatchSchemas(openApi);
      openApi
          .getPaths()
          .forEach(
              (path, item) ->
                  item.readOperationsMap()
                      .forEach(
                          (method, operation) -> {
                            CsvAnswers.document(path, method, operation);
                            OperationResponses.document(path, method, operation);
                          }));
    };
  }

  /** {@code XInput} gives {@code XPatch}: the same properties, none required, null allowed. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static void deriveMergePatchSchemas(OpenAPI openApi) {
    Map<String, Schema> schemas = openApi.getComponents().getSchemas();
    Map<String, Schema> patches = new LinkedHashMap<>();
    schemas.forEach(
        (name, schema) -> {
          // only resources that take a merge patch (associations and keys never change)
          if (!name.endsWith("Input")
              || schema.getProperties() == null
              || name.equals("OpportunityLeadInput")
              || name.equals("ApiKeyInput")) {
            return;
          }
          Schema patch =
              new ObjectSchema()
                  .description(
                      "JSON Merge Patch (RFC 7396) of "
                          + name.substring(0, name.length() - "Input".length())
                          + ": properties left out keep their values; "
                          + "null resets an optional property (and is rejected for a required one)");
          ((Map<String, Schema>) schema.getProperties())
              .forEach(
                  (property, definition) -> {
                    Schema copy = Json.copy(definition);
                    copy.setNullable(true);
                    patch.addProperty(property, copy);
                  });
          patch.setAdditionalProperties(schema.getAdditionalProperties());
          patches.put(name.substring(0, name.length() - "Input".length()) + "Patch", patch);
        });
    Schema item = Json.copy(patches.get("OpportunityPatch"));
    item.setDescription("A merge patch of the opportunity with this id");
    item.addProperty(
        "id",
        new IntegerSchema()
            .format("int64")
            .minimum(BigDecimal.ONE)
            .description("The opportunity to change")
            .example(1051));
    item.addRequiredItem("id");
    patches.put("OpportunityPatchItem", item);
    patches.forEach(schemas::put);
    Schema batch = schemas.get("OpportunityPatchBatch");
    if (batch != null && batch.getProperties().get("items") instanceof Schema items) {
      items.setItems(new Schema<>().$ref("#/components/schemas/OpportunityPatchItem"));
    }
  }

  private static Schema<?> problemSchema() {
    Schema<?> problem =
        new ObjectSchema()
            .description(
                "RFC 9457 problem details; some problems add members (existingId, results, ...)")
            .addProperty("type", new StringSchema().example("about:blank"))
            .addProperty("title", new StringSchema().example("Bad Request"))
            .addProperty("status", new IntegerSchema().example(400))
            .addProperty(
                "detail",
                new StringSchema()
                    .example("Invalid 'dealStageName': size must be between 0 and 255"))
            .addProperty("instance", new StringSchema().example("/dealStages"))
            .addProperty(
                "requestId",
                new StringSchema()
                    .description("The request's X-Request-Id")
                    .example("3b0c5a8e-6d4f-4a8e-9d7c-2f1e0b9a8c7d"))
            .addProperty(
                "errors",
                new ArraySchema()
                    .description("Every invalid field, for 400 responses")
                    .items(new Schema<>().$ref("#/components/schemas/InvalidField")));
    problem.setAdditionalProperties(true);
    return problem;
  }

  /** Deep copies of schema objects through swagger-core's own mapper. */
  static final class Json {
    @SuppressWarnings("rawtypes")
    static Schema copy(Schema schema) {
      try {
        var mapper = io.swagger.v3.core.util.Json.mapper();
        return mapper.readValue(mapper.writeValueAsString(schema), Schema.class);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
