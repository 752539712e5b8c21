package com.leadgencrm.opportunities.web;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.res.StringManager;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * Tomcat answers a few malformed requests itself, before any application code (an undecodable path,
 * say). Its default report is an HTML page; this one is a problem document like every other error
 * of the service.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

  /**
   * Tomcat's own refusal of a request line and headers over {@code
   * server.max-http-request-header-size}: a 400 whose error is an IllegalArgumentException with the
   * message of its key (compared as Tomcat words it, in the JVM's language).
   */
  private static boolean tooLarge(@Nullable Throwable throwable) {
    return throwable instanceof IllegalArgumentException
        && TOO_LARGE.equals(throwable.getMessage());
  }

  private static final String TOO_LARGE =
      StringManager.getManager("org.apache.coyote.http11")
          .getString("iib.requestheadertoolarge.error");

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0) {
      return;
    }
    HttpStatus known = HttpStatus.resolve(status);
    String title = known != null ? known.getReasonPhrase() : "Error";
    String detail =
        status >= 500
            ? "An unexpected error occurred"
            : tooLarge(throwable)
                ? "The request line and headers are larger than the server reads: ask for fewer"
                    + " values in the query string (split the request), or send shorter headers"
                : "The request could not be understood";
    try {
      response.setContentType("application/problem+json");
      response.setCharacterEncoding("UTF-8");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(
            "{\"type\":\"about:blank\",\"title\":\""
                + title
                + "\",\"status\":"
                + status
                + ",\"detail\":\""
                + detail
                + "\"}");
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // the client is gone, or the response was committed meanwhile: nothing more to say
    }
  }
}
