package com.leadgencrm.opportunities.web;

import com.leadgencrm.opportunities.core.ConcurrentModification;
import com.leadgencrm.opportunities.core.Conflict;
import com.leadgencrm.opportunities.core.Forbidden;
import com.leadgencrm.opportunities.core.InvalidField;
import com.leadgencrm.opportunities.core.InvalidRequest;
import com.leadgencrm.opportunities.core.NotFound;
import com.leadgencrm.opportunities.core.PreconditionFailed;
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

  /**
   * The problem for one of the service's own refusals, or null for any other exception. Used by the
   * advice for whole requests and by batches for each item.
   */
  public static @Nullable ProblemDetail of(Throwable e) {
    if (e instanceof InvalidRequest invalid) {
      return invalid(invalid.errors());
    }
    if (e instanceof NotFound) {
      return problem(HttpStatus.NOT_FOUND, e.getMessage());
    }
    if (e instanceof Conflict conflict) {
      ProblemDetail problem = problem(HttpStatus.CONFLICT, e.getMessage());
      conflict.properties().forEach(problem::setProperty);
      return problem;
    }
    if (e instanceof Forbidden forbidden) {
      ProblemDetail problem = problem(HttpStatus.FORBIDDEN, e.getMessage());
      if (!forbidden.field().isEmpty()) {
        problem.setProperty("errors", List.of(new InvalidField(forbidden.field(), e.getMessage())));
      }
      return problem;
    }
    if (e instanceof PreconditionFailed) {
      return problem(HttpStatus.PRECONDITION_FAILED, e.getMessage());
    }
    if (e instanceof org.springframework.orm.ObjectOptimisticLockingFailureException) {
      return of(new ConcurrentModification());
    }
    if (e instanceof org.springframework.dao.DataIntegrityViolationException) {
      // the database's constraints are the last line of defence: a client error, never a 500
      String state = sqlState(e);
      return state != null
              && (state.equals("23505") || state.equals("23503") || state.equals("23P01"))
          ? problem(
              HttpStatus.CONFLICT,
              "The change conflicts with the current state of another resource")
          : problem(
              HttpStatus.BAD_REQUEST, "The request holds a value the database does not accept");
    }
    return null;
  }

  static @Nullable String sqlState(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState();
      }
    }
    return null;
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
