package com.leadgencrm.opportunities.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** An example problem document for each error status of each path of the OpenAPI document. */
final class ProblemExamples {

  private ProblemExamples() {}

  static final String REQUEST_ID = "3b0c5a8e-6d4f-4a8e-9d7c-2f1e0b9a8c7d";

  /**
   * The example of a status of an operation: its path, and whether the operation takes a body (the
   * field of a 400 is then one of the body's).
   */
  static Map<String, Object> of(int status, String path, boolean hasBody) {
    String instance = path.replace("{id}", id(path)).replace("{leadID}", "905270274");
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", HttpStatus.valueOf(status).getReasonPhrase());
    problem.put("status", status);
    problem.put("detail", detail(status, path, hasBody));
    problem.put("instance", instance);
    problem.put("requestId", REQUEST_ID);
    if (status == 400 && !path.startsWith("/pubapi")) {
      String field = invalidField(path, hasBody);
      problem.put(
          "errors", List.of(Map.of("field", field, "message", invalidMessage(field, path))));
    }
    if (status == 409 && path.startsWith("/opportunityLeads")) {
      problem.put("existingId", 2210);
    }
    return problem;
  }

  private static String id(String path) {
    if (path.startsWith("/dealStages")) {
      return "2";
    }
    if (path.startsWith("/fields")) {
      return "15";
    }
    if (path.startsWith("/opportunityLeads")) {
      return "2210";
    }
    if (path.startsWith("/apiKeys")) {
      return "key_7f3a9c";
    }
    return "1051";
  }

  private static String resource(String path) {
    if (path.startsWith("/dealStages")) {
      return "Deal stage";
    }
    if (path.startsWith("/fields")) {
      return "Field";
    }
    if (path.startsWith("/opportunityLeads") || path.contains("/leads")) {
      return "Opportunity lead";
    }
    if (path.startsWith("/apiKeys")) {
      return "API key";
    }
    return "Opportunity";
  }

  private static String invalidField(String path, boolean hasBody) {
    if (!hasBody) {
      return path.endsWith("}") ? "id" : "limit";
    }
    if (path.endsWith("/batch")) {
      return "items";
    }
    if (path.startsWith("/dealStages")) {
      return "dealStageName";
    }
    if (path.startsWith("/fields")) {
      return "label";
    }
    if (path.startsWith("/opportunityLeads")) {
      return "leadID";
    }
    if (path.startsWith("/apiKeys")) {
      return "role";
    }
    return "opportunityName";
  }

  private static String invalidMessage(String field, String path) {
    return switch (field) {
      case "items" -> "must hold 1 to 500 items, not 0";
      case "role" -> "must be one of the roles";
      case "leadID" -> "must be between 1 and 999999999999999999";
      case "id" -> "must be an integer";
      case "limit" -> "must be between 1 and 500";
      default -> path.endsWith("}") ? "size must be between 1 and 255" : "is required";
    };
  }

  private static String detail(int status, String path, boolean hasBody) {
    return switch (status) {
      case 400 ->
          path.startsWith("/pubapi")
              ? "The request could not be understood"
              : "Invalid '"
                  + invalidField(path, hasBody)
                  + "': "
                  + invalidMessage(invalidField(path, hasBody), path);
      case 401 -> "This endpoint needs an API key: 'Authorization: Bearer <keyId>.<secret>'";
      case 403 -> "The role of this API key (JR_SALESPERSON) may not change " + path;
      case 404 -> resource(path) + " " + id(path) + " does not exist";
      case 406 -> "Acceptable representations: [application/json, application/problem+json]";
      case 409 ->
          path.startsWith("/pubapi")
              ? "A request with this Idempotency-Key is still in progress; retry when it has finished"
              : conflict(path);
      case 412 ->
          "If-Match does not match the current entity tag \"3a7c11d2\"; read the resource again and"
              + " retry";
      case 410 ->
          "Events up to id 1200 are past the feed's retention (30 days), so some events after this"
              + " position are gone: resync, then follow the feed from a fresh cursor";
      case 413 -> "The request body is larger than 2097152 bytes";
      case 415 -> "Content-Type 'text/plain' is not supported";
      case 422 ->
          "This Idempotency-Key was used for another request; use a new key for a new request";
      case 429 -> "Rate limit of API key key_7f3a9c exceeded; retry after 1 s";
      case 503 -> "The database is unavailable; retry shortly";
      default -> HttpStatus.valueOf(status).getReasonPhrase();
    };
  }

  private static String conflict(String path) {
    if (path.startsWith("/dealStages")) {
      return "Deal stage 2 is used by 12 opportunities; name a stage to move them to (moveTo)";
    }
    if (path.startsWith("/fields")) {
      return "Field 15 is a system field and cannot be changed";
    }
    if (path.startsWith("/opportunityLeads") || path.contains("/leads")) {
      return "Lead 905270274 is already associated with opportunity 1051";
    }
    return "The change conflicts with the current state of another resource";
  }
}
