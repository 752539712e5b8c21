package com.leadgencrm.opportunities.web;

import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** Builds RFC 9457 problem responses. */
public final class Problems {

  private Problems() {}

  public static ProblemDetail problem(HttpStatusCode status, @Nullable String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    HttpStatus known = HttpStatus.resolve(status.value());
    problem.setTitle(known != null ? known.getReasonPhrase() : "Error");
    return problem;
  }

  public static ProblemDetail invalid(List<InvalidField> errors) {
    ProblemDetail problem =
        problem(
            HttpStatus.BAD_REQUEST,
            errors.size() == 1
                ? "Invalid " + describe(errors.get(0)) + ": " + errors.get(0).message()
                : errors.size() + " invalid fields; see errors");
    problem.setProperty("errors", errors);
    return problem;
  }

  private static String describe(InvalidField error) {
    return error.field().isEmpty() ? "request" : "'" + error.field() + "'";
  }

  /** Names the request path as the problem's instance, when it is a valid URI reference. */
  public static void setInstance(ProblemDetail problem, @Nullable String path) {
    if (path == null || problem.getInstance() != null) {
      return;
    }
    try {
      problem.setInstance(URI.create(path));
    } catch (IllegalArgumentException notAUri) {
      // a path with characters a URI may not hold: leave instance out
    }
  }

  /** A problem response whose content type holds whatever the client's Accept says. */
  public static ResponseEntity<ProblemDetail> response(
      ProblemDetail problem, @Nullable String path) {
    setInstance(problem, path);
    return ResponseEntity.status(problem.getStatus())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }
}
