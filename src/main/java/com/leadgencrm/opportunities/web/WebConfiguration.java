package com.leadgencrm.opportunities.web;

import java.util.List;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * List query parameters bind through {@link QueryRecords}; every other operation takes only the
 * query parameters it declares ({@link DeclaredQueryParameters}); {@code If-Match} binds to {@link
 * IfMatchParameter}; {@code Accept} is read by {@link ProblemAwareContentNegotiation}; a request's
 * operation is found by its path first ({@link PathFirstHandlerMapping}).
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

  private final QueryRecords queryRecords;
  private final DeclaredQueryParameters declaredQueryParameters;

  WebConfiguration(QueryRecords queryRecords, DeclaredQueryParameters declaredQueryParameters) {
    this.queryRecords = queryRecords;
    this.declaredQueryParameters = declaredQueryParameters;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry
        .addInterceptor(declaredQueryParameters)
        // the wire protocol takes any query parameter, as its clients send them (SPEC §4); /error
        // answers what was forwarded to it
        .excludePathPatterns("/pubapi/**", "/error");
  }

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(queryRecords);
    resolvers.add(new RequestBound<>(IfMatchParameter.class, IfMatchParameter::of));
    resolvers.add(new RequestBound<>(QueryParameters.class, QueryParameters::of));
  }

  /**
   * The If-Match header of the operations that take an {@link IfMatchParameter}. A list's whole
   * query ({@link QueryParameters}) is no parameter of its own: the list's record documents it.
   */
  @Bean
  OperationCustomizer ifMatchHeader() {
    SpringDocUtils.getConfig().addRequestWrapperToIgnore(IfMatchParameter.class);
    SpringDocUtils.getConfig().addRequestWrapperToIgnore(QueryParameters.class);
    return IfMatchParameter::document;
  }

  /** Spring MVC's handler mapping for the operations, asking each one's path first. */
  @Bean
  WebMvcRegistrations pathFirst() {
    return new WebMvcRegistrations() {
      @Override
      public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
        return new PathFirstHandlerMapping();
      }
    };
  }

  @Override
  public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
    configurer.strategies(List.of(new ProblemAwareContentNegotiation()));
  }
}
