package com.leadgencrm.opportunities.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code X-Request-Id}: the client's, when it is a sane id (1 to 128 characters of {@code A-Z a-z
 * 0-9 - _ . : / + = @}), else one made up here. It is echoed in the answer, put in the logging
 * context ({@code requestId}: every log line of the request carries it) and in every problem
 * document ({@code requestId}), so a client's report can be found in the logs.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public class RequestIds extends OncePerRequestFilter {

  public static final String HEADER = "X-Request-Id";

  /** The logging context key, and the problem member. */
  public static final String KEY = "requestId";

  private static final String ATTRIBUTE = RequestIds.class.getName();
  private static final int MAX_LENGTH = 128;

  /** The id of the request being served, or null outside of one. */
  public static @Nullable String of(ServletRequest request) {
    return request.getAttribute(ATTRIBUTE) instanceof String id ? id : null;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String given = request.getHeader(HEADER);
    String id = valid(given) ? given : generate();
    request.setAttribute(ATTRIBUTE, id);
    response.setHeader(HEADER, id);
    MDC.put(KEY, id);
    try {
      chain.doFilter(request, response);
    } finally {
      MDC.remove(KEY);
    }
  }

  static boolean valid(@Nullable String id) {
    if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean allowed =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "-_.:/+=@".indexOf(c) >= 0;
      if (!allowed) {
        return false;
      }
    }
    return true;
  }

  /** A random version 4 UUID: unique enough to find a request, and cheap (no SecureRandom). */
  private static String generate() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }
}
