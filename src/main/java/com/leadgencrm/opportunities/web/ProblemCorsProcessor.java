package com.leadgencrm.opportunities.web;

import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.DefaultCorsProcessor;
import tools.jackson.databind.json.JsonMapper;

/** Spring's CORS checks, refusing a request of another origin with a problem like every refusal. */
public class ProblemCorsProcessor extends DefaultCorsProcessor {

  private final JsonMapper json;

  public ProblemCorsProcessor(JsonMapper json) {
    this.json = json;
  }

  @Override
  protected void rejectRequest(ServerHttpResponse response) throws IOException {
    ProblemDetail problem =
        Problems.problem(
            HttpStatus.FORBIDDEN,
            "Browser pages of this origin may not call the API (CORS allows the configured origins)");
    String requestId = MDC.get(RequestIds.KEY);
    if (requestId != null) {
      problem.setProperty(RequestIds.KEY, requestId);
    }
    response.setStatusCode(HttpStatus.FORBIDDEN);
    response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    response.getBody().write(json.writeValueAsBytes(problem));
    response.flush();
  }
}
