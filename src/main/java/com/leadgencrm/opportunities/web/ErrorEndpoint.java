package com.leadgencrm.opportunities.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors raised outside Spring MVC (the servlet container, filters) are forwarded to {@code
 * /error}; they leave as problems too, never as an HTML page. Called directly, {@code /error} is no
 * resource of the service: 404. Included into an answer that went out in part, it adds nothing.
 */
@Hidden
@RestController
class ErrorEndpoint implements ErrorController {

  @RequestMapping("/error")
  @Nullable ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
    if (request.getDispatcherType() == DispatcherType.INCLUDE) {
      // an answer failed after it was committed, and Tomcat includes the error page into it before
      // it closes the connection: nothing is added to what went out ({@link AnswerBrokenOff})
      return null;
    }
    if (request.getDispatcherType() != DispatcherType.ERROR) {
      return Problems.response(
          Problems.noSuchResource(request.getRequestURI()), request.getRequestURI());
    }
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status = HttpStatus.resolve(code instanceof Integer value ? value : 500);
    if (status == null) {
      status = HttpStatus.INTERNAL_SERVER_ERROR;
    }
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String detail =
        switch (status) {
          case NOT_FOUND -> "No such resource";
          case PAYLOAD_TOO_LARGE -> "The request body is too large";
          case BAD_REQUEST -> "The request could not be understood";
          default ->
              status.is5xxServerError() ? "An unexpected error occurred" : status.getReasonPhrase();
        };
    return Problems.response(
        Problems.problem(status, detail), uri instanceof String path ? path : null);
  }
}
