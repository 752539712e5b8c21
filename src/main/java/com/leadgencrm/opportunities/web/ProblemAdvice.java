package com.leadgencrm.opportunities.web;

import com.leadgencrm.opportunities.core.AtomicBatchRefused;
import com.leadgencrm.opportunities.core.InvalidField;
import com.leadgencrm.opportunities.core.Overloaded;
import com.leadgencrm.opportunities.core.Refusal;
import com.leadgencrm.opportunities.core.Refusals;
import com.leadgencrm.opportunities.limits.LimitsProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;

/**
 * The one place where exceptions become RFC 9457 problems. Every error the service returns is an
 * {@code application/problem+json} body; a 5xx never carries internals.
 */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

  private final LimitsProperties limits;

  private final int maxParameterCount;

  public ProblemAdvice(
      LimitsProperties limits,
      @Value("${server.tomcat.max-parameter-count:1000}") int maxParameterCount) {
    this.limits = limits;
    this.maxParameterCount = maxParameterCount;
  }

  /** Not answered here: the server closes the connection ({@link AnswerBrokenOff}). */
  @ExceptionHandler(AnswerBrokenOff.class)
  void brokenOff(AnswerBrokenOff e) {
    throw e;
  }

  /** The service's own refusals (and the database constraints behind them). */
  @ExceptionHandler({
    Refusal.class,
    ObjectOptimisticLockingFailureException.class,
    DataIntegrityViolationException.class
  })
  ResponseEntity<ProblemDetail> refused(RuntimeException e, HttpServletRequest request) {
    if (e instanceof DataIntegrityViolationException integrity) {
      log.info(
          "Constraint violation on {} {}: {}",
          request.getMethod(),
          request.getRequestURI(),
          integrity.getMostSpecificCause().getMessage());
    }
    return Problems.response(
        Problems.of(Objects.requireNonNull(Refusals.of(e))), request.getRequestURI());
  }

  /** An atomic batch with refused items: the first refused item's status, every item's outcome. */
  @ExceptionHandler(AtomicBatchRefused.class)
  ResponseEntity<ProblemDetail> atomicBatchRefused(
      AtomicBatchRefused e, HttpServletRequest request) {
    List<Batch.Result> results = Batch.results(e.outcomes()).results();
    int status =
        results.stream()
            .mapToInt(Batch.Result::status)
            .filter(s -> s != 424)
            .findFirst()
            .orElse(400);
    ProblemDetail problem = Problems.problem(HttpStatus.valueOf(status), e.getMessage());
    problem.setProperty("results", results);
    return Problems.response(problem, request.getRequestURI());
  }

  /** The caller's role lacks the permission of the operation ({@code @Requires}). */
  @ExceptionHandler(AccessDeniedException.class)
  ResponseEntity<ProblemDetail> accessDenied(HttpServletRequest request) {
    return Problems.response(
        Problems.problem(HttpStatus.FORBIDDEN, Problems.roleMayNot(request)),
        request.getRequestURI());
  }

  @ExceptionHandler(RequestTooLarge.class)
  ResponseEntity<ProblemDetail> tooLarge(RequestTooLarge e, HttpServletRequest request) {
    return Problems.response(
        Problems.problem(HttpStatus.CONTENT_TOO_LARGE, e.getMessage()), request.getRequestURI());
  }

  /** No room for the request now: too many in flight, or too many heavy reads. */
  @ExceptionHandler(Overloaded.class)
  ResponseEntity<ProblemDetail> overloaded(Overloaded e, HttpServletRequest request) {
    return retryLater(
        Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()),
        e.retryAfterSeconds(),
        request);
  }

  @ExceptionHandler({
    DataAccessResourceFailureException.class,
    CannotCreateTransactionException.class,
    TransientDataAccessException.class,
    QueryTimeoutException.class
  })
  ResponseEntity<ProblemDetail> unavailable(Exception e, HttpServletRequest request) {
    if (Refusals.timedOut(e)) {
      // PostgreSQL cancelled a statement that ran out of its time limit: the database is fine
      log.info(
          "Statement time limit reached on {} {}: {}",
          request.getMethod(),
          request.getRequestURI(),
          e.getMessage());
      return retryLater(
          Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, limits.statementTimedOut()), 1, request);
    }
    if (Refusals.collided(e)) {
      log.info(
          "Concurrent change collided on {} {}: {}",
          request.getMethod(),
          request.getRequestURI(),
          e.getMessage());
      return retryLater(
          Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, Refusals.COLLIDED), 1, request);
    }
    log.warn(
        "Database unavailable for {} {}: {}",
        request.getMethod(),
        request.getRequestURI(),
        e.toString());
    return retryLater(
        Problems.problem(
            HttpStatus.SERVICE_UNAVAILABLE, "The database is unavailable; retry shortly"),
        1,
        request);
  }

  private static ResponseEntity<ProblemDetail> retryLater(
      ProblemDetail problem, long retryAfterSeconds, HttpServletRequest request) {
    return ResponseEntity.status(problem.getStatus())
        .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds))
        .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
        .body(withInstance(problem, request));
  }

  /**
   * The servlet container could not decode the query string, or it has more parameters than the
   * container reads ({@code server.tomcat.max-parameter-count}), or the firewall refused it.
   */
  @ExceptionHandler({
    org.apache.tomcat.util.http.InvalidParameterException.class,
    org.springframework.security.web.firewall.RequestRejectedException.class
  })
  ResponseEntity<ProblemDetail> undecodableQuery(HttpServletRequest request) {
    String tooMany = RequestLimits.tooManyParameters(request.getQueryString(), maxParameterCount);
    return Problems.response(
        Problems.problem(
            HttpStatus.BAD_REQUEST,
            tooMany != null
                ? tooMany
                : "The query string cannot be read: percent-encode it as UTF-8, without control"
                    + " characters"),
        request.getRequestURI());
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
    if ((e instanceof org.springframework.dao.DataAccessException
            || e instanceof org.springframework.transaction.TransactionException)
        && (Refusals.lostConnection(e) || Refusals.timedOut(e))) {
      return unavailable(e, request);
    }
    log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
    return Problems.response(
        Problems.problem(HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred"),
        request.getRequestURI());
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof RequestTooLarge tooLarge) {
        ProblemDetail problem =
            Problems.problem(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage());
        return handleExceptionInternal(e, problem, headers, HttpStatus.CONTENT_TOO_LARGE, request);
      }
    }
    String detail =
        e.getCause() instanceof JacksonException json
            ? MalformedJson.describe(json)
            : "The request body is missing or is not JSON";
    ProblemDetail problem = Problems.problem(HttpStatus.BAD_REQUEST, detail);
    problem.setProperty("errors", List.of(new InvalidField("", detail)));
    return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    return handleExceptionInternal(
        e,
        Problems.invalid(BindingMessages.errors(e.getBindingResult())),
        headers,
        HttpStatus.BAD_REQUEST,
        request);
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    return handleExceptionInternal(
        e, Problems.invalid(BindingMessages.errors(e)), headers, HttpStatus.BAD_REQUEST, request);
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleTypeMismatch(
      TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String field = e.getPropertyName() != null ? e.getPropertyName() : "";
    if (e
        instanceof
        org.springframework.web.method.annotation.MethodArgumentTypeMismatchException mismatch) {
      field = mismatch.getName();
    }
    ProblemDetail problem =
        Problems.invalid(
            List.of(new InvalidField(field, BindingMessages.typeMessage(e.getRequiredType()))));
    return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
  }

  /**
   * A path no operation answers. No handler at all, since the service serves no static files of its
   * own ({@code spring.web.resources.add-mappings: false}); or a file Swagger UI lacks.
   */
  @Override
  protected @Nullable ResponseEntity<Object> handleNoHandlerFoundException(
      NoHandlerFoundException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return notFound(e, headers, request);
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleNoResourceFoundException(
      NoResourceFoundException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return notFound(e, headers, request);
  }

  private ResponseEntity<Object> notFound(Exception e, HttpHeaders headers, WebRequest request) {
    String path = ((ServletWebRequest) request).getRequest().getRequestURI();
    return handleExceptionInternal(
        e, Problems.noSuchResource(path), headers, HttpStatus.NOT_FOUND, request);
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleMissingServletRequestParameter(
      MissingServletRequestParameterException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    ProblemDetail problem =
        Problems.invalid(List.of(new InvalidField(e.getParameterName(), "is required")));
    return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
  }

  /**
   * The media types an operation can answer in, named in a fixed order (an operation with a JSON
   * and a CSV answer has two handler methods, found in no fixed order).
   */
  @Override
  protected @Nullable ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(
      org.springframework.web.HttpMediaTypeNotAcceptableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    return super.handleHttpMediaTypeNotAcceptable(
        new org.springframework.web.HttpMediaTypeNotAcceptableException(
            e.getSupportedMediaTypes().stream()
                .sorted(Comparator.comparing(org.springframework.http.MediaType::toString))
                .toList()),
        headers,
        status,
        request);
  }

  /** Every problem leaves as {@code application/problem+json}, whatever the client accepts. */
  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception e,
      @Nullable Object body,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    ProblemDetail problem =
        body instanceof ProblemDetail detail
            ? detail
            : e instanceof ErrorResponse error ? error.getBody() : Problems.problem(status, null);
    if (problem.getTitle() == null
        || problem.getTitle().equals(HttpStatus.valueOf(status.value()).getReasonPhrase())) {
      problem.setTitle(Problems.problem(status, null).getTitle());
    }
    HttpHeaders out = new HttpHeaders();
    out.putAll(headers);
    out.setContentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON);
    if (request instanceof ServletWebRequest servlet) {
      withInstance(problem, servlet.getRequest());
    }
    return new ResponseEntity<>(problem, out, status);
  }

  private static ProblemDetail withInstance(ProblemDetail problem, HttpServletRequest request) {
    Problems.setInstance(problem, request.getRequestURI());
    return problem;
  }
}
