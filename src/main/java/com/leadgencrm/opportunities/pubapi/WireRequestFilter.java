package com.leadgencrm.opportunities.pubapi;

import com.leadgencrm.opportunities.idempotency.Idempotency;
import com.leadgencrm.opportunities.web.CachedBody;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.annotation.Order;
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

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith("/pubapi/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    byte[] body = request.getInputStream().readAllBytes();
    WireRequest wire = WireRequest.read(request, body, mapper);
    request.setAttribute(WireRequest.ATTRIBUTE, wire);
    if (wire.isRead()) {
      // a read is never kept for a retry: no Idempotency-Key transaction, no connection held for it
      Idempotency.doNotStore(request);
    }
    chain.doFilter(new CachedBody(request, body), response);
  }
}
