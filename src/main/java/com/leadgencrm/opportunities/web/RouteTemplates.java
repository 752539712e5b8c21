package com.leadgencrm.opportunities.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Names the route of every answer in the {@code http.server.requests} metrics. Spring MVC names it
 * when it picks a handler; answers given before that (401 and 429 from the security filters, 406
 * and 405 when no handler fits the request) would be counted under {@code uri="UNKNOWN"}. This
 * names them by the most specific route template their path matches, whatever the method or media
 * type; a path that matches no route keeps Spring's name for it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
class RouteTemplates extends OncePerRequestFilter {

  private final ApplicationContext context;
  private volatile @Nullable List<PathPattern> routes;

  RouteTemplates(ApplicationContext context) {
    this.context = context;
  }

  @Override
  protected boolean shouldNotFilterAsyncDispatch() {
    return false;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      chain.doFilter(request, response);
    } finally {
      ServerHttpObservationFilter.findObservationContext(request)
          .ifPresent(
              observation -> {
                if (observation.getPathPattern() == null) {
                  String route = route(request);
                  if (route != null) {
                    observation.setPathPattern(route);
                  }
                }
              });
    }
  }

  private @Nullable String route(HttpServletRequest request) {
    String uri = request.getRequestURI();
    String contextPath = request.getContextPath();
    if (uri == null) {
      return null;
    }
    PathContainer path;
    try {
      path =
          PathContainer.parsePath(
              contextPath != null && uri.startsWith(contextPath)
                  ? uri.substring(contextPath.length())
                  : uri);
    } catch (IllegalArgumentException unreadable) {
      return null;
    }
    PathPattern best = null;
    for (PathPattern route : routes()) {
      if (route.matches(path)
          && (best == null || PathPattern.SPECIFICITY_COMPARATOR.compare(route, best) < 0)) {
        best = route;
      }
    }
    return best == null ? null : best.getPatternString();
  }

  /** Every route of the application's handler mappings (the actuator's too), read once. */
  private List<PathPattern> routes() {
    List<PathPattern> known = routes;
    if (known == null) {
      List<PathPattern> found = new ArrayList<>();
      context
          .getBeansOfType(RequestMappingInfoHandlerMapping.class)
          .values()
          .forEach(
              mapping ->
                  mapping
                      .getHandlerMethods()
                      .keySet()
                      .forEach(
                          info ->
                              info.getPatternValues()
                                  .forEach(
                                      pattern ->
                                          found.add(
                                              PathPatternParser.defaultInstance.parse(pattern)))));
      known = List.copyOf(found);
      routes = known;
    }
    return known;
  }
}
