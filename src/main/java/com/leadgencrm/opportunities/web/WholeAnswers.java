package com.leadgencrm.opportunities.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Answers go out whole, with their {@code Content-Length}. Spring MVC flushes the response after
 * writing a {@code ResponseEntity}'s body (every single-resource answer: GET by id, create,
 * replace, patch), which made the container commit it at once without knowing its length: sent
 * chunked, in two writes (the body, then the closing chunk). Here that flush waits for the end of
 * the request, when the container sends the answer in one piece; an answer larger than the
 * container's buffer still goes out as it is written (CSV exports, wire reads), and an answer whose
 * request went asynchronous is flushed as asked.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
class WholeAnswers implements Filter {

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    chain.doFilter(
        request,
        response instanceof HttpServletResponse http ? new Deferred(request, http) : response);
  }

  /** A response whose {@link #flushBuffer()} waits for the end of a synchronous request. */
  private static final class Deferred extends HttpServletResponseWrapper {

    private final ServletRequest request;

    Deferred(ServletRequest request, HttpServletResponse response) {
      super(response);
      this.request = request;
    }

    @Override
    public void flushBuffer() throws IOException {
      if (request.isAsyncStarted()) {
        super.flushBuffer();
      }
    }
  }
}
