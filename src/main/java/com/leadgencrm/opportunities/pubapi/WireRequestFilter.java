package com.leadgencrm.opportunities.pubapi;

import com.leadgencrm.opportunities.idempotency.Idempotency;
import com.leadgencrm.opportunities.web.CachedBody;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a wire-protocol call once, before the security filters: authentication takes the
 * credentials from it (the query, or the body's {@code header}), and the call its envelope. Later
 * readers of the body (idempotency) get the same bytes again. A read ({@code get*}) is marked as
 * one before anything else runs: an Idempotency-Key does nothing for it.
 */
@Component
@Order(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10)
class WireRequestFilter extends OncePerRequestFilter {

  private final JsonMapper mapper;

  WireRequestFilter(JsonMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * The wire protocol's requests: its security chain's matcher and this filter's, the same one, so
   * that every request the chain authenticates has been read here ({@code /pubapi} itself and
   * percent-encoded spellings such as {@code /pub%61pi/v1} included: a prefix test of the raw URI
   * let those through unread, a 500).
   */
  static final RequestMatcher WIRE = PathPatternRequestMatcher.withDefaults().matcher("/pubapi/**");

  /** Whether a request is one of the wire protocol's. */
  static boolean isWire(HttpServletRequest request) {
    return WIRE.matches(request);
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !isWire(request);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    // within the size limit (RequestBodyLimits ran first)
    byte[] body = request.getInputStream().readAllBytes();
    WireRequest wire = WireRequest.read(request, body, mapper);
    request.setAttribute(WireRequest.ATTRIBUTE, wire);
    if (wire.isRead()) {
      // a read is never kept for a retry: no Idempotency-Key transaction, no connection held for it
      Idempotency.doNotStore(request);
    }
    chain.doFilter(new ReadAsJson(new CachedBody(request, body)), response);
  }

  /**
   * The call as later readers see it: a JSON body. Clients send any Content-Type, even one that
   * cannot be parsed ({@code application/json; charset=ebcdic}); the body was read as JSON already,
   * and Spring MVC must not refuse the call over a header it would otherwise parse (415).
   */
  private static final class ReadAsJson extends HttpServletRequestWrapper {

    ReadAsJson(HttpServletRequest request) {
      super(request);
    }

    @Override
    public String getContentType() {
      return MediaType.APPLICATION_JSON_VALUE;
    }

    @Override
    public @Nullable String getHeader(String name) {
      return isContentType(name) ? getContentType() : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      return isContentType(name)
          ? Collections.enumeration(List.of(getContentType()))
          : super.getHeaders(name);
    }

    private static boolean isContentType(String name) {
      return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name);
    }
  }
}
