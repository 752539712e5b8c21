package com.leadgencrm.opportunities.security;

import com.leadgencrm.opportunities.web.ProblemWriter;
import com.leadgencrm.opportunities.web.RequestTooLarge;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies larger than {@code crm.security.max-request-bytes} with 413: at once when
 * Content-Length says so, else as soon as reading passes the limit. (Tomcat's own limit covers form
 * posts only.)
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestSizeLimit extends OncePerRequestFilter {

  private final long maximum;
  private final ProblemWriter problems;

  RequestSizeLimit(SecurityProperties properties, ProblemWriter problems) {
    this.maximum = properties.maxRequestBytes();
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > maximum) {
      problems.write(
          request,
          response,
          HttpStatus.CONTENT_TOO_LARGE,
          "The request body is larger than " + maximum + " bytes",
          Map.of("Connection", "close"));
      return;
    }
    chain.doFilter(new Limited(request, maximum), response);
  }

  /** Counts the bytes read and fails past the maximum. */
  private static final class Limited extends HttpServletRequestWrapper {

    private final long maximum;
    private ServletInputStream stream;

    Limited(HttpServletRequest request, long maximum) {
      super(request);
      this.maximum = maximum;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        ServletInputStream in = super.getInputStream();
        stream =
            new ServletInputStream() {
              private long read;

              private int count(int n) throws RequestTooLarge {
                if (n > 0) {
                  read += n;
                  if (read > maximum) {
                    throw new RequestTooLarge(maximum);
                  }
                }
                return n;
              }

              @Override
              public int read() throws IOException {
                int b = in.read();
                if (b >= 0) {
                  count(1);
                }
                return b;
              }

              @Override
              public int read(byte[] buffer, int offset, int length) throws IOException {
                return count(in.read(buffer, offset, length));
              }

              @Override
              public boolean isFinished() {
                return in.isFinished();
              }

              @Override
              public boolean isReady() {
                return in.isReady();
              }

              @Override
              public void setReadListener(ReadListener listener) {
                in.setReadListener(listener);
              }
            };
      }
      return stream;
    }
  }
}
