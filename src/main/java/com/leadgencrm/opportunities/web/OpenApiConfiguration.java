package com.leadgencrm.opportunities.web;

import com.leadgencrm.opportunities.core.InvalidField;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document: the error responses every operation can really give, the problem schema,
 * and merge-patch schemas derived from the input schemas.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  static final String PROBLEM = "Problem";
  static final String BEARER = "apiKey";

  @Bean
  OpenAPI openApi() {
    return new OpenAPI()
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
  }

  @Bean
  OpenApiCustomizer errorResponses() {
    return openApi -> {
      openApi.getComponents().addSchemas(PROBLEM, problemSchema());
      openApi
          .getComponents()
          .getSchemas()
          .putAll(ModelConverters.getInstance().read(InvalidField.class));
      openApi.getComponents().getSchemas().remove("ProblemDetail");
      // custom fields are properties of opportunities, keyed by their systemName
      for (String name : List.of("Opportunity", "OpportunityInput")) {
        Schema<?> schema = openApi.getComponents().getSchemas().get(name);
        if (schema != null) {
          schema.setAdditionalProperties(true);
        }
      }
      deriveMergePatchSchemas(openApi);
      openApi
          .getPaths()
          .forEach(
              (path, item) ->
                  item.readOperationsMap()
                      .forEach((method, operation) -> document(path, method, operation)));
    };
  }

  private static void document(String path, PathItem.HttpMethod method, Operation operation) {
    ApiResponses responses = operation.getResponses();
    if (path.startsWith("/pubapi")) {
      // every call that reaches the wire protocol is answered 200, its errors in the envelope;
      // these are refused before it, as HTTP
      responses.addApiResponse("400", problem("The HTTP request itself is malformed"));
      responses.addApiResponse(
          "409", problem("A call with this Idempotency-Key is still in progress"));
      responses.addApiResponse(
          "413",
          new ApiResponse()
              .description(
                  "The body is larger than the service accepts (2 MiB): refused before it is read,"
                      + " with the envelope of error code 413")
              .content(
                  new Content()
                      .addMediaType(
                          "application/json",
                          new MediaType()
                              .schema(new Schema<>().$ref("#/components/schemas/WireResponse")))));
      responses.addApiResponse("422", problem("The Idempotency-Key was used for another call"));
      operation.addParametersItem(
          new HeaderParameter()
              .name("Idempotency-Key")
              .required(false)
              .description("Makes a retry safe: the first answer to this key is replayed")
              .schema(new StringSchema().minLength(1).maxLength(255)));
      return;
    }
    boolean single = path.contains("{");
    boolean hasBody = operation.getRequestBody() != null;
    boolean write = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD;
    if (method == PathItem.HttpMethod.POST
        && responses.containsKey("200")
        && !path.endsWith("/batch")) {
      ApiResponse created = responses.remove("200");
      created.setDescription("Created");
      created.addHeaderObject("Location", header("URL of the new resource"));
      created.addHeaderObject("ETag", header("Entity tag of the new resource"));
      responses.addApiResponse("201", created);
    }
    if (single
        && (method == PathItem.HttpMethod.GET
            || method == PathItem.HttpMethod.PUT
            || method == PathItem.HttpMethod.PATCH)
        && responses.containsKey("200")) {
      responses.get("200").addHeaderObject("ETag", header("Strong entity tag of the resource"));
    }
    if (method == PathItem.HttpMethod.DELETE && responses.containsKey("200")) {
      responses.remove("200");
      responses.addApiResponse("204", new ApiResponse().description("Deleted"));
    }
    if (single && method == PathItem.HttpMethod.GET) {
      responses.addApiResponse(
          "304",
          new ApiResponse()
              .description("Not modified: If-None-Match names the current entity tag"));
    }
    responses.addApiResponse(
        "400", problem("Invalid input: every invalid field is listed in errors"));
    responses.addApiResponse(
        "401", problem("No API key, or an unknown, wrong or revoked one (with WWW-Authenticate)"));
    responses.addApiResponse("403", problem("The API key's role may not do this"));
    responses.addApiResponse(
        "406", problem("Accept names no media type the operation can answer in"));
    responses.addApiResponse(
        "429", problem("The API key's rate limit is exceeded; retry after Retry-After seconds"));
    if (single) {
      responses.addApiResponse("404", problem("No such resource"));
    }
    if (path.endsWith("/batch")) {
      responses.addApiResponse(
          "404", problem("An atomic batch failed: an item names no such resource"));
    }
    if (write) {
      responses.addApiResponse("409", problem("Conflicts with the current state"));
    }
    if (single && write) {
      responses.addApiResponse("412", problem("If-Match does not name the current entity tag"));
    }
    if (method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PATCH) {
      operation.addParametersItem(
          new HeaderParameter()
              .name("Idempotency-Key")
              .required(false)
              .description(
                  "Makes a retry safe: the first answer to this key (per API key, kept 24 hours) is "
                      + "replayed, with Idempotent-Replayed: true, and nothing is done again")
              .schema(new StringSchema().minLength(1).maxLength(255)));
      responses.addApiResponse("422", problem("The Idempotency-Key was used for another request"));
    }
    // any request may carry a body, and each is checked before anything else
    responses.addApiResponse(
        "413",
        problem(
            hasBody
                ? "The body is larger than the service accepts (2 MiB)"
                : "A body was sent, larger than the service accepts (2 MiB)"));
    responses.addApiResponse(
        "415",
        problem(
            hasBody
                ? "The body is not JSON (the service takes no multipart bodies)"
                : "A multipart body was sent: the service takes none"));
    responses.addApiResponse(
        "503", problem("The database is unavailable; retry after Retry-After seconds"));
  }

  private static Header header(String description) {
    return new Header().description(description).schema(new StringSchema());
  }

  private static ApiResponse problem(String description) {
    return new ApiResponse()
        .description(description)
        .content(
            new Content()
                .addMediaType(
                    "application/problem+json",
                    new MediaType()
                        .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
  }

  /** {@code XInput} gives {@code XPatch}: the same properties, none required, null allowed. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static void deriveMergePatchSchemas(OpenAPI openApi) {
    Map<String, Schema> schemas = openApi.getComponents().getSchemas();
    Map<String, Schema> patches = new LinkedHashMap<>();
    schemas.forEach(
        (name, schema) -> {
          if (!name.endsWith("Input") || schema.getProperties() == null) {
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
            .minimum(java.math.BigDecimal.ONE)
            .description("The opportunity to change")
            .example(1051));
    item.addRequiredItem("id");
    patches.put("OpportunityPatchItem", item);
    patches.forEach(schemas::put);
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
                "errors",
                new ArraySchema()
                    .description("Every invalid field, for 400 responses")
                    .items(new Schema<>().$ref("#/components/schemas/InvalidField")));
    problem.setAdditionalProperties(true);
    return problem;
  }

  /** Deep copies of schema objects through swagger-core's own mapper. */
  private static final class Json {
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
