package com.leadgencrm.opportunities.pubapi;

import com.leadgencrm.opportunities.core.Refusals;
import com.leadgencrm.opportunities.security.ApiKeyChains;
import com.leadgencrm.opportunities.security.SecurityRefusals;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * The wire protocol's callers are authenticated where REST callers are, by a security filter chain
 * of their own: the same key check and rate limits, credentials read from the call ({@code
 * accountID} and {@code secretKey} in the query or the body's {@code header}), and refusals
 * answered in the protocol's envelope, always with HTTP 200.
 */
@Configuration(proxyBeanMethods = false)
class WireSecurityConfiguration {

  @Bean
  @Order(1)
  SecurityFilterChain wireSecurity(HttpSecurity http, ApiKeyChains chains, WireCalls calls)
      throws Exception {
    return chains
        .apply(
            http.securityMatcher(WireRequestFilter.WIRE),
            new Credentials(),
            new Refusals(calls),
            r -> false)
        .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
        .build();
  }

  /** The credentials of a call: an unknown shape of key id is refused like a wrong key. */
  private static final class Credentials implements AuthenticationConverter {
    @Override
    public @Nullable Authentication convert(HttpServletRequest request) {
      @Nullable String[] credentials = WireRequest.of(request).credentials();
      String account = credentials[0];
      String secret = credentials[1];
      if (account == null || secret == null || account.isEmpty() || secret.isEmpty()) {
        return null;
      }
      return ApiKeyChains.presented(account, secret);
    }
  }

  /**
   * Refusals as the envelope of the call: an unreadable call is still answered as one (101, 102)
   * before its credentials are; a refused key is 105.
   */
  private record Refusals(WireCalls calls) implements SecurityRefusals {

    @Override
    public void unauthenticated(
        HttpServletRequest request, HttpServletResponse response, @Nullable String reason)
        throws IOException {
      WireRequest wire = WireRequest.of(request);
      WireError error =
          wire.envelope() == null
              ? new WireError(WireError.INVALID_REQUEST_DATA, "Invalid request data format")
              : wire.id() == null
                  ? new WireError(WireError.MISSING_REQUEST_ID, "Header missing request ID")
                  : WireError.authenticationFailed();
      write(response, calls.refused(wire, error));
    }

    @Override
    public void rateLimited(
        HttpServletRequest request, HttpServletResponse response, String keyId, long retryAfter)
        throws IOException {
      retryLater(
          request,
          response,
          WireError.RATE_LIMITED,
          "Rate limit exceeded; retry after " + retryAfter + " s",
          retryAfter);
    }

    @Override
    public void overloaded(
        HttpServletRequest request, HttpServletResponse response, String detail, long retryAfter)
        throws IOException {
      retryLater(request, response, WireError.UNAVAILABLE, detail, retryAfter);
    }

    /** A refusal whose data says when to try again. */
    private void retryLater(
        HttpServletRequest request,
        HttpServletResponse response,
        int code,
        String message,
        long retryAfter)
        throws IOException {
      write(
          response,
          calls.refused(
              WireRequest.of(request),
              new WireError(code, message, List.of(Map.of("retryAfter", retryAfter)))));
    }

    @Override
    public void unavailable(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      write(response, calls.refused(WireRequest.of(request), WireError.unavailable()));
    }

    private static void write(HttpServletResponse response, byte[] envelope) throws IOException {
      response.setStatus(200);
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      response.setContentLength(envelope.length);
      response.getOutputStream().write(envelope);
      response.flushBuffer();
    }
  }
}
