package com.leadgencrm.opportunities.web;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every operation of the REST API can answer, as the document says it: the error responses
 * (each with an example of its own), the headers of every answer, and the request headers the
 * service honours.
 */
final class OperationResponses {

  private OperationResponses() {}

  static void document(String path, PathItem.HttpMethod method, Operation operation) {
    ApiResponses responses = operation.getResponses();
    boolean hasBody = operation.getRequestBody() != null;
    Problems problems = new Problems(responses, hasBody, path);
    if (path.startsWith("/pubapi")) {
      // every call that reaches the wire protocol is answered 200, its errors in the envelope;
      // these are refused before it, as HTTP
      problems.add(400, "The HTTP request itself is malformed");
      problems.add(409, "A call with this Idempotency-Key is still in progress");
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
                              .schema(new Schema<>().$ref("#/components/schemas/WireResponse"))
                              .example(wireTooLarge()))));
      problems.add(422, "The Idempotency-Key was used for another call");
      operation.addParametersItem(
          new HeaderParameter()
              .name("Idempotency-Key")
              .required(false)
              .description("Makes a retry safe: the first answer to this key is replayed")
              .schema(new StringSchema().minLength(1).maxLength(255)));
      responses.forEach(
          (status, response) -> {
            response.addHeaderObject(
                OpenApiConfiguration.X_REQUEST_ID, ref(OpenApiConfiguration.X_REQUEST_ID));
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
    // a restore answers the opportunity it brought back, with its new entity tag
    boolean restore = path.endsWith("/restore");
    if (restore && responses.containsKey("200")) {
      responses.get("200").addHeaderObject("ETag", ref("ETag"));
    }
    if (method == PathItem.HttpMethod.POST
        && responses.containsKey("200")
        && !path.endsWith("/batch")
        && !restore) {
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
    if (path.startsWith("/opportunities/by/") && responses.containsKey("200")) {
      // an upsert: 200 replaced, 201 created
      ApiResponse replaced = responses.get("200");
      replaced.setDescription("Replaced: an opportunity held the key");
      responses.addApiResponse(
          "201",
          new ApiResponse()
              .description("Created: no opportunity held the key")
              .content(replaced.getContent())
              .addHeaderObject("Location", ref("Location"))
              .addHeaderObject("ETag", ref("ETag")));
      replaced.addHeaderObject("ETag", ref("ETag"));
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
    problems.add(400, "Invalid input: every invalid field is listed in errors");
    problems.add(401, "No API key, or an unknown, wrong or revoked one (with WWW-Authenticate)");
    problems.add(403, "The API key's role may not do this");
    problems.add(406, "Accept names no media type the operation can answer in");
    problems.add(429, "The API key's rate limit is exceeded; retry after Retry-After seconds");
    if (hasId) {
      problems.add(404, "No such resource");
    }
    if (path.endsWith("/batch")) {
      problems.add(404, "An atomic batch failed: an item names no such resource");
    }
    if (write) {
      problems.add(409, "Conflicts with the current state");
    }
    if (ifMatch) {
      problems.add(412, "If-Match does not name the current entity tag");
    }
    if (method == PathItem.HttpMethod.POST
        || method == PathItem.HttpMethod.PATCH
        || path.startsWith("/opportunities/by/")) {
      operation.addParametersItem(
          new HeaderParameter()
              .name("Idempotency-Key")
              .required(false)
              .description(
                  "Makes a retry safe: the first answer to this key (per API key, kept 24 hours) is "
                      + "replayed, with Idempotent-Replayed: true, and nothing is done again")
              .schema(new StringSchema().minLength(1).maxLength(255)));
      problems.add(422, "The Idempotency-Key was used for another request");
    }
    // any request may carry a body, and each is checked before anything else
    problems.add(
        413,
        hasBody
            ? "The body is larger than the service accepts (2 MiB)"
            : "A body was sent, larger than the service accepts (2 MiB)");
    problems.add(
        415,
        hasBody
            ? "The body is not JSON (the service takes no multipart bodies)"
            : "A multipart body was sent: the service takes none");
    problems.add(503, "The database is unavailable; retry after Retry-After seconds");
    boolean idempotent = method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PATCH;
    responses.forEach(
        (status, response) -> {
          response.addHeaderObject(
              OpenApiConfiguration.X_REQUEST_ID, ref(OpenApiConfiguration.X_REQUEST_ID));
          if (!status.equals("401")) {
            // every answer to a key that passed authentication carries its rate-limit state
            response.addHeaderObject(
                OpenApiConfiguration.RATE_LIMIT_POLICY,
                ref(OpenApiConfiguration.RATE_LIMIT_POLICY));
            response.addHeaderObject(
                OpenApiConfiguration.RATE_LIMIT, ref(OpenApiConfiguration.RATE_LIMIT));
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

  static Map<String, Header> headers() {
    Map<String, Header> headers = new LinkedHashMap<>();
    headers.put(
        OpenApiConfiguration.X_REQUEST_ID,
        header(
            "The request's id: the client's X-Request-Id when it sent a valid one (1 to 128 of "
                + "A-Z a-z 0-9 - _ . : / + = @), else one the service made up. Also in the service's "
                + "log lines of the request and in problem documents (requestId)",
            "3b0c5a8e-6d4f-4a8e-9d7c-2f1e0b9a8c7d"));
    headers.put(
        OpenApiConfiguration.RATE_LIMIT_POLICY,
        header(
            "The API key's token bucket (IETF httpapi ratelimit-headers draft): q requests at "
                + "once, refilled within w seconds",
            "\"key\";q=20;w=2"));
    headers.put(
        OpenApiConfiguration.RATE_LIMIT,
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

  /** Adds an operation's problem responses, each with the example of its status. */
  private record Problems(ApiResponses responses, boolean hasBody, String path) {

    void add(int status, String description) {
      responses.addApiResponse(
          String.valueOf(status),
          new ApiResponse()
              .description(description)
              .content(
                  new Content()
                      .addMediaType(
                          "application/problem+json",
                          new MediaType()
                              .schema(
                                  new Schema<>()
                                      .$ref("#/components/schemas/" + OpenApiConfiguration.PROBLEM))
                              .example(ProblemExamples.of(status, path, hasBody)))));
    }
  }

  /** The envelope a wire call over the size limit is answered with: its id was never read. */
  private static Map<String, Object> wireTooLarge() {
    Map<String, Object> envelope = new LinkedHashMap<>();
    envelope.put("result", null);
    envelope.put(
        "error",
        Map.of(
            "code",
            413,
            "message",
            "The request body is larger than 2097152 bytes",
            "data",
            List.of()));
    envelope.put("id", null);
    return envelope;
  }
}
