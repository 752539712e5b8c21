package com.leadgencrm.opportunities.web;

import org.apache.tomcat.util.res.StringManager;
import org.jspecify.annotations.Nullable;

/**
 * What a client is told when its request passes one of the limits Tomcat applies before the service
 * sees it: the size of the request line and headers ({@code server.max-http-request-header-size}),
 * the number of query parameters ({@code server.tomcat.max-parameter-count}).
 */
final class RequestLimits {

  /** The detail of a request whose request line and headers are over the limit. */
  static final String TOO_LARGE =
      "The request line and headers are larger than the server reads: ask for fewer values in the"
          + " query string (split the request), or send shorter headers";

  /** Tomcat's message for it, as Tomcat words it in the JVM's language. */
  private static final String TOMCAT_TOO_LARGE =
      StringManager.getManager("org.apache.coyote.http11")
          .getString("iib.requestheadertoolarge.error");

  private RequestLimits() {}

  /**
   * Whether Tomcat refused the request for the size of its request line and headers: a 400 whose
   * error is an IllegalArgumentException with that message.
   */
  static boolean tooLarge(@Nullable Throwable error) {
    return error instanceof IllegalArgumentException && TOMCAT_TOO_LARGE.equals(error.getMessage());
  }

  /**
   * The detail of a query string with more parameters than the limit, or null when it has no more
   * (then it could not be decoded).
   */
  static @Nullable String tooManyParameters(@Nullable String query, int limit) {
    long parameters = query == null ? 0 : query.chars().filter(c -> c == '&').count() + 1;
    if (parameters <= limit) {
      return null;
    }
    return "The query string has "
        + parameters
        + " parameters, more than the "
        + limit
        + " a request may have: give a filter's values comma-separated in one parameter"
        + " (id=1,2,3), or split the request";
  }
}
