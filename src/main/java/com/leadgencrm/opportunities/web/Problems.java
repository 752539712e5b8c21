package com.leadgencrm.opportunities.web;

import com.leadgencrm.opportunities.core.Conflict;
import com.leadgencrm.opportunities.core.Forbidden;
import com.leadgencrm.opportunities.core.Gone;
import com.leadgencrm.opportunities.core.InvalidField;
import com.leadgencrm.opportunities.core.InvalidInput;
import com.leadgencrm.opportunities.core.NotFound;
import com.leadgencrm.opportunities.core.PreconditionFailed;
import com.leadgencrm.opportunities.core.Refusal;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;

/** Builds RFC 9457 problem responses. */
public final class Problems {

  private Problems() {}

  public static ProblemDetail problem(HttpStatusCode status, @Nullable String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    HttpStatus known = HttpStatus.resolve(status.value());
    problem.setTitle(known != null ? known.getReasonPhrase() : "Error");
    return problem;
  }

  /** A path no operation answers, named as it was requested. */
  static ProblemDetail noSuchResource(String path) {
    return problem(HttpStatus.NOT_FOUND, "No such resource: " + path);
  }

  /** The problem that answers one of the service's refusals, by its type. */
  public static ProblemDetail of(Refusal refusal) {
    if (refusal instanceof InvalidInput invalid) {
      return invalid(invalid.errors());
    }
    if (refusal instanceof NotFound) {
      return problem(HttpStatus.NOT_FOUND, refusal.getMessage());
    }
    if (refusal instanceof Conflict conflict) {
      ProblemDetail problem = problem(HttpStatus.CONFLICT, refusal.getMessage());
      conflict.properties().forEach(problem::setProperty);
      return problem;
    }
    if (refusal instanceof Forbidden forbidden) {
      ProblemDetail problem = problem(HttpStatus.FORBIDDEN, refusal.getMessage());
      if (!forbidden.field().isEmpty()) {
        problem.setProperty(
            "errors", List.of(new InvalidField(forbidden.field(), refusal.getMessage())));
      }
      return problem;
    }
    if (refusal instanceof Gone gone) {
      ProblemDetail problem = problem(HttpStatus.GONE, refusal.getMessage());
      gone.properties().forEach(problem::setProperty);
      return problem;
    }
    if (refusal instanceof PreconditionFailed) {
      return problem(HttpStatus.PRECONDITION_FAILED, refusal.getMessage());
    }
    // ValueRefused, and any refusal named later: the client's input
    return problem(HttpStatus.BAD_REQUEST, refusal.getMessage());
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

  /** Why a caller whose role lacks a permission is refused: the role and the request. */
  public static String roleMayNot(HttpServletRequest request) {
    var authentication = SecurityContextHolder.getContext().getAuthentication();
    String role =
        authentication == null
            ? "none"
            : authentication.getAuthorities().stream()
                .map(authority -> authority.getAuthority().replaceFirst("^ROLE_", ""))
                .findFirst()
                .orElse("none");
    return "The role of this API key ("
        + role
        + ") may not "
        + request.getMethod()
        + " "
        + request.getRequestURI();
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
