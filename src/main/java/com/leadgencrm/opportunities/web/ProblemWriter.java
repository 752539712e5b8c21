package com.leadgencrm.opportunities.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes problems from servlet filters, which answer before Spring MVC is reached. */
@Component
public class ProblemWriter {

  private final JsonMapper mapper;

  public ProblemWriter(JsonMapper mapper) {
    this.mapper = mapper;
  }

  public void write(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpStatus status,
      String detail,
      Map<String, String> headers)
      throws IOException {
    if (response.isCommitted()) {
      return;
    }
    ProblemDetail problem = Problems.problem(status, detail);
    Problems.setInstance(problem, request.getRequestURI());
    String requestId = RequestIds.of(request);
    if (requestId != null) {
      problem.setProperty(RequestIds.KEY, requestId);
    }
    response.resetBuffer();
    response.setStatus(status.value());
    headers.forEach(response::setHeader);
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.getOutputStream().write(mapper.writeValueAsBytes(problem));
    response.flushBuffer();
  }
}
