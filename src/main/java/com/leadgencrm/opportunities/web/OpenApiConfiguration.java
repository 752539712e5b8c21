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
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
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
import org.springdoc.core.customizers.SpringDocCustomizers;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.core.providers.SpringDocProviders;
import org.springdoc.core.service.AbstractRequestService;
import org.springdoc.core.service.GenericResponseService;
import org.springdoc.core.service.OpenAPIService;
import org.springdoc.core.service.OperationService;
import org.springframework.beans.factory.ObjectFactory;
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

  /** springdoc's document resource, rebuilt when what it documents changes at run time. */
  @Bean
  LiveApiDocs liveApiDocs(
      ObjectFactory<OpenAPIService> openApiServices,
      AbstractRequestService requests,
      GenericResponseService responses,
      OperationService operations,
      SpringDocConfigProperties properties,
      SpringDocProviders providers,
      SpringDocCustomizers customizers,
      List<ApiDocumentPass> passes) {
    return new LiveApiDocs(
        openApiServices,
        requests,
        responses,
        operations,
        properties,
        providers,
        customizers,
        passes);
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
  OpenApiCustomizer errorResponses() {
    return openApi -> {
      openApi.getComponents().addSchemas(PROBLEM, problemSchema());
      openApi
          .getComponents()
          .getSchemas()
          .putAll(ModelConverters.getInstance().read(InvalidField.class));
      openApi.getComponents().getSchemas().remove("ProblemDetail");
      responseHeaders().forEach(openApi.getComponents()::addHeaders);
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
    boolean hasBody = operation.getRequestBody() != null;
    if (path.startsWith("/pubapi")) {
      // every call that reaches the wire protocol is answered 200, its errors in the envelope;
      // these are refused before it, as HTTP
      responses.addApiResponse(
          "400", problem(400, hasBody, "The HTTP request itself is malformed", path));
      responses.addApiResponse(
          "409",
          problem(409, hasBody, "A call with this Idempotency-Key is still in progress", path));
      responses.addApiResponse(
          "413", problem(413, hasBody, "The body is larger than the service accepts", path));
      responses.addApiResponse(
          "422", problem(422, hasBody, "The Idempotency-Key was used for another call", path));
      operation.addParametersItem(
          new HeaderParameter()
              .name("Idempotency-Key")
              .required(false)
              .description("Makes a retry safe: the first answer to this key is replayed")
              .schema(new StringSchema().minLength(1).maxLength(255)));
      responses.forEach(
          (status, response) -> {
            response.addHeaderObject(X_REQUEST_ID, ref(X_REQUEST_ID));
            if (status.startsWith("2")) {
              response.addHeaderObject("Idempotent-Replayed", ref("Idempotent-Replayed"));
            }
          });
      return;
    }
    if (path.startsWith("/opportunities/{id}") && operation.getParameters() != null) {
      // the opportunity the request examples name: "Try it out" works as shown
      operation.getParameters().stream()
          .filter(p -> "path".equals(p.getIn()))
          .forEach(
              p -> {
                if (p.getName().equals("id")) {
                  p.setExample(1051);
                } else if (p.getName().equals("leadID")) {
                  p.setExample(905270274);
                }
              });
    }
    boolean hasId = path.contains("{");
    // a single resource (not a list under one, such as /opportunities/{id}/leads)
    boolean single = path.endsWith("}");
    // API keys carry no entity tags
    boolean versioned = single && !path.startsWith("/apiKeys");
    boolean write = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD;
    boolean ifMatch = hasParameter(operation, "If-Match");
    if (method == PathItem.HttpMethod.POST
        && responses.containsKey("200")
        && !path.endsWith("/batch")) {
      ApiResponse created = responses.remove("200");
      created.setDescription("Created");
      responses.addApiResponse("201", created);
    }
    if (responses.containsKey("201")) {
      responses.get("201").addHeaderObject("Location", ref("Location"));
      if (!path.startsWith("/apiKeys")) {
        responses.get("201").addHeaderObject("ETag", ref("ETag"));
      }
    }
    if (versioned
        && (method == PathItem.HttpMethod.GET
            || method == PathItem.HttpMethod.PUT
            || method == PathItem.HttpMethod.PATCH)
        && responses.containsKey("200")) {
      responses.get("200").addHeaderObject("ETag", ref("ETag"));
    }
    if (method == PathItem.HttpMethod.DELETE && responses.containsKey("200")) {
      responses.remove("200");
      responses.addApiResponse("204", new ApiResponse().description("Deleted"));
    }
    if (versioned && method == PathItem.HttpMethod.GET) {
      operation.addParametersItem(
          new HeaderParameter()
              .name("If-None-Match")
              .required(false)
              .description("The ETag of a representation the client holds: 304 when it is current")
              .schema(new StringSchema()));
      responses.addApiResponse(
          "304",
          new ApiResponse()
              .description("Not modified: If-None-Match names the current entity tag")
              .addHeaderObject("ETag", ref("ETag")));
    }
    responses.addApiResponse(
        "400",
        problem(400, hasBody, "Invalid input: every invalid field is listed in errors", path));
    responses.addApiResponse(
        "401",
        problem(
            401,
            hasBody,
            "No API key, or an unknown, wrong or revoked one (with WWW-Authenticate)",
            path));
    responses.addApiResponse(
        "403", problem(403, hasBody, "The API key's role may not do this", path));
    responses.addApiResponse(
        "406",
        problem(406, hasBody, "Accept names no media type the operation can answer in", path));
    responses.addApiResponse(
        "429",
        problem(
            429,
            hasBody,
            "The API key's rate limit is exceeded; retry after Retry-After seconds",
            path));
    if (hasId) {
      responses.addApiResponse("404", problem(404, hasBody, "No such resource", path));
    }
    if (path.endsWith("/batch")) {
      responses.addApiResponse(
          "404",
          problem(404, hasBody, "An atomic batch failed: an item names no such resource", path));
    }
    if (write) {
      responses.addApiResponse(
          "409", problem(409, hasBody, "Conflicts with the current state", path));
    }
    if (ifMatch) {
      responses.addApiResponse(
          "412", problem(412, hasBody, "If-Match does not name the current entity tag", path));
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
      responses.addApiResponse(
          "422", problem(422, hasBody, "The Idempotency-Key was used for another request", path));
    }
    if (hasBody) {
      responses.addApiResponse(
          "413", problem(413, hasBody, "The body is larger than the service accepts", path));
      responses.addApiResponse("415", problem(415, hasBody, "The body is not JSON", path));
    }
    responses.addApiResponse(
        "503",
        problem(
            503, hasBody, "The database is unavailable; retry after Retry-After seconds", path));
    boolean idempotent = method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PATCH;
    responses.forEach(
        (status, response) -> {
          response.addHeaderObject(X_REQUEST_ID, ref(X_REQUEST_ID));
          if (!status.equals("401")) {
            // every answer to a key that passed authentication carries its rate-limit state
            response.addHeaderObject(RATE_LIMIT_POLICY, ref(RATE_LIMIT_POLICY));
            response.addHeaderObject(RATE_LIMIT, ref(RATE_LIMIT));
          }
          if (status.equals("401")) {
            response.addHeaderObject("WWW-Authenticate", ref("WWW-Authenticate"));
          }
          if (status.equals("429") || status.equals("503")) {
            response.addHeaderObject("Retry-After", ref("Retry-After"));
          }
          if (idempotent && status.startsWith("2")) {
            response.addHeaderObject("Idempotent-Replayed", ref("Idempotent-Replayed"));
          }
        });
  }

  private static boolean hasParameter(Operation operation, String name) {
    List<Parameter> parameters = operation.getParameters();
    return parameters != null && parameters.stream().anyMatch(p -> name.equals(p.getName()));
  }

  private static Header ref(String name) {
    return new Header().$ref("#/components/headers/" + name);
  }

  private static Map<String, Header> responseHeaders() {
    Map<String, Header> headers = new LinkedHashMap<>();
    headers.put(
        X_REQUEST_ID,
        header(
            "The request's id: the client's X-Request-Id when it sent a valid one (1 to 128 of "
                + "A-Z a-z 0-9 - _ . : / + = @), else one the service made up. Also in the service's "
                + "log lines of the request and in problem documents (requestId)",
            "3b0c5a8e-6d4f-4a8e-9d7c-2f1e0b9a8c7d"));
    headers.put(
        RATE_LIMIT_POLICY,
        header(
            "The API key's token bucket (IETF httpapi ratelimit-headers draft): q requests at "
                + "once, refilled within w seconds",
            "\"key\";q=20;w=2"));
    headers.put(
        RATE_LIMIT,
        header(
            "The API key's remaining requests (r) and the seconds until its bucket is full again "
                + "(t)",
            "\"key\";r=19;t=1"));
    headers.put(
        "Retry-After",
        new Header()
            .description("Seconds to wait before retrying")
            .schema(new IntegerSchema().example(1)));
    headers.put(
        "WWW-Authenticate",
        header("The authentication scheme to use", "Bearer realm=\"opportunities\""));
    headers.put("ETag", header("Strong entity tag of the resource", "\"3a7c11d2\""));
    headers.put("Location", header("URL of the new resource", "/opportunities/1051"));
    headers.put(
        "Idempotent-Replayed",
        header(
            "true when this is the stored answer to an earlier request with the same "
                + "Idempotency-Key",
            "true"));
    return headers;
  }

  private static Header header(String description, String example) {
    return new Header().description(description).schema(new StringSchema().example(example));
  }

  private static ApiResponse problem(int status, boolean hasBody, String description, String path) {
    return new ApiResponse()
        .description(description)
        .content(
            new Content()
                .addMediaType(
                    "application/problem+json",
                    new MediaType()
                        .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))
                        .example(ProblemExamples.of(status, path, hasBody))));
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
