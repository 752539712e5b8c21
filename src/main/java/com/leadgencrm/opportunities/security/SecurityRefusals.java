package com.leadgencrm.opportunities.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * How a protocol answers the refusals of its security filters, in its own terms: the REST API with
 * problems (401, 429, 503), the wire protocol with its envelope (codes 105, 429, 503).
 */
public interface SecurityRefusals {

  /**
   * No credentials, or an unknown, wrong or revoked key.
   *
   * @param reason what was wrong with the credentials given, or null when none were given
   */
  void unauthenticated(
      HttpServletRequest request, HttpServletResponse response, @Nullable String reason)
      throws IOException;

  /** The key's rate limit is exceeded. */
  void rateLimited(
      HttpServletRequest request, HttpServletResponse response, String keyId, long retryAfter)
      throws IOException;

  /**
   * The service is at its limit of requests in flight: the request is refused before it does
   * anything, with a retry delay.
   */
  void overloaded(
      HttpServletRequest request, HttpServletResponse response, String detail, long retryAfter)
      throws IOException;

  /** The keys or the limits cannot be read: the database is unavailable. */
  void unavailable(HttpServletRequest request, HttpServletResponse response) throws IOException;
}
