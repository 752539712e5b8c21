package com.leadgencrm.opportunities.web;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * List query parameters bind through {@link QueryRecords}; {@code Accept} is read by {@link
 * ProblemAwareContentNegotiation}.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

  private final QueryRecords queryRecords;

  WebConfiguration(QueryRecords queryRecords) {
    this.queryRecords = queryRecords;
  }

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(queryRecords);
  }

  @Override
  public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
    configurer.strategies(List.of(new ProblemAwareContentNegotiation()));
  }
}
