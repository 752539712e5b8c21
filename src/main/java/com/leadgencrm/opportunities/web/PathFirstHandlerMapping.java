package com.leadgencrm.opportunities.web;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Spring MVC's handler mapping, asking each operation's path first. A path with a variable ({@code
 * /opportunities/42}) has no direct match, so each request is held against every operation of the
 * service in turn; Spring checks the method, the parameters, the headers, the body and answer types
 * before the path, each through the request's wrappers, and that lookup took 13% of the CPU of a
 * GET by id. The path alone rules out all operations but a few, at a fraction of the cost; what
 * matches it is checked in full as before, so the same operation answers (BENCHMARKS.md, nineteenth
 * round). Spring MVC takes it from {@link WebConfiguration#pathFirst()}.
 */
final class PathFirstHandlerMapping extends RequestMappingHandlerMapping {

  @Override
  protected @Nullable RequestMappingInfo getMatchingMapping(
      RequestMappingInfo info, HttpServletRequest request) {
    PathPatternsRequestCondition paths = info.getPathPatternsCondition();
    if (paths != null && paths.getMatchingCondition(request) == null) {
      return null;
    }
    return info.getMatchingCondition(request);
  }
}
