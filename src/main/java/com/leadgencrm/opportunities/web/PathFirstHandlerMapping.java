package com.leadgencrm.opportunities.web;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.PathContainer;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Spring MVC's handler mapping, asking each operation's path first. A path with a variable ({@code
 * /opportunities/42}) has no direct match, so each request is held against every operation of the
 * service in turn; Spring checks the method, the parameters, the headers, the body and answer types
 * before the path, each through the request's wrappers, and that lookup took 13% of the CPU of a
 * GET by id. The path alone rules out all operations but a few, at a fraction of the cost; what
 * matches it is checked in full as before, so the same operation answers (BENCHMARKS.md, nineteenth
 * and twentieth rounds). Spring MVC takes it from {@link WebConfiguration#pathFirst()}.
 *
 * <p>The request's path is read once per lookup, not once per operation through the request's
 * wrappers, and this mapping is asked before Actuator's (order -100), which every request of the
 * API passed through first; a request for {@code /actuator/**} matches no path here and goes on to
 * Actuator's as before.
 */
final class PathFirstHandlerMapping extends RequestMappingHandlerMapping {

  /** Ahead of Actuator's handler mappings, which Spring Boot orders -100. */
  private static final int ORDER = -101;

  /** The path of the request being looked up on this thread, within the application. */
  private static final ThreadLocal<PathContainer> LOOKUP_PATH = new ThreadLocal<>();

  @Override
  public int getOrder() {
    return ORDER;
  }

  @Override
  protected @Nullable HandlerMethod lookupHandlerMethod(
      String lookupPath, HttpServletRequest request) throws Exception {
    // parsed by initLookupPath before this is called
    LOOKUP_PATH.set(ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication());
    try {
      return super.lookupHandlerMethod(lookupPath, request);
    } finally {
      LOOKUP_PATH.remove();
    }
  }

  @Override
  protected @Nullable RequestMappingInfo getMatchingMapping(
      RequestMappingInfo info, HttpServletRequest request) {
    PathPatternsRequestCondition paths = info.getPathPatternsCondition();
    PathContainer path = LOOKUP_PATH.get();
    if (paths != null && path != null && !matchesAny(paths, path)) {
      return null;
    }
    return info.getMatchingCondition(request);
  }

  private static boolean matchesAny(PathPatternsRequestCondition paths, PathContainer path) {
    for (PathPattern pattern : paths.getPatterns()) {
      if (pattern.matches(path)) {
        return true;
      }
    }
    return false;
  }
}
