package com.leadgencrm.opportunities.security;

import com.leadgencrm.opportunities.web.CachedBody;
import com.leadgencrm.opportunities.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The bodies the service takes, checked before anything reads them (authentication included):
 *
 * <ul>
 *   <li>at most {@code crm.security.max-request-bytes} (2 MiB), whatever the content type or
 *       transfer encoding: a larger Content-Length is refused unread, and a chunked body is read up
 *       to the limit first (so every later reader sees the whole body, and nothing it does depends
 *       on how far a parser got before the limit); beyond it, 413 and the connection is closed;
 *   <li>never multipart: the service has no multipart endpoint, and Tomcat never parses parts
 *       (multipart resolution is off: {@code spring.servlet.multipart.enabled=false}), so a {@code
 *       multipart/*} request within the size limit is 415, whatever its method.
 * </ul>
 *
 * REST requests are answered with problems; a protocol with answers of its own ({@link
 * RequestBodyAnswers}, the wire protocol) answers in its own form.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestBodyLimits extends OncePerRequestFilter {

  private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

  private final long maximum;
  private final ProblemWriter problems;
  private final List<RequestBodyAnswers> protocols;

  RequestBodyLimits(
      SecurityProperties properties, ProblemWriter problems, List<RequestBodyAnswers> protocols) {
    this.maximum = properties.maxRequestBytes();
    this.problems = problems;
    this.protocols = List.copyOf(protocols);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > maximum) {
      tooLarge(protocol(request), request, response);
      return;
    }
    HttpServletRequest checked = request;
    if (request.getContentLengthLong() < 0 && request.getHeader("Transfer-Encoding") != null) {
      byte[] body;
      try {
        body = request.getInputStream().readNBytes((int) Math.min(maximum + 1, MAX_ARRAY));
      } catch (IOException e) {
        // a broken chunked encoding, or the client went away: nothing reads the rest
        problems.write(
            request,
            response,
            HttpStatus.BAD_REQUEST,
            "The request body could not be read",
            Map.of("Connection", "close"));
        return;
      }
      if (body.length > maximum) {
        tooLarge(protocol(request), request, response);
        return;
      }
      checked = new CachedBody(request, body);
    }
    if (isMultipart(request) && !readsAnyContentType(protocol(request))) {
      problems.write(
          request,
          response,
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "This service takes no multipart bodies: send application/json",
          Map.of());
      return;
    }
    chain.doFilter(checked, response);
  }

  /**
   * The protocol with answers of its own that the request is one of, or null for REST: asked only
   * when there is something to refuse, as matching a path pattern is not free and most requests
   * pass.
   */
  private @Nullable RequestBodyAnswers protocol(HttpServletRequest request) {
    for (RequestBodyAnswers protocol : protocols) {
      if (protocol.handles(request)) {
        return protocol;
      }
    }
    return null;
  }

  private static boolean readsAnyContentType(@Nullable RequestBodyAnswers protocol) {
    return protocol != null && protocol.readsAnyContentType();
  }

  private void tooLarge(
      @Nullable RequestBodyAnswers protocol,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    String detail = "The request body is larger than " + maximum + " bytes";
    if (protocol != null) {
      protocol.tooLarge(request, response, detail);
    } else {
      problems.write(
          request, response, HttpStatus.CONTENT_TOO_LARGE, detail, Map.of("Connection", "close"));
    }
  }

  private static boolean isMultipart(HttpServletRequest request) {
    String type = request.getContentType();
    return type != null && type.strip().toLowerCase(Locale.ROOT).startsWith("multipart/");
  }
}
