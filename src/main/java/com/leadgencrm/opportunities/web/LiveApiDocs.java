package com.leadgencrm.opportunities.web;

import io.swagger.v3.oas.models.OpenAPI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.SpringDocCustomizers;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.core.providers.SpringDocProviders;
import org.springdoc.core.service.AbstractRequestService;
import org.springdoc.core.service.GenericResponseService;
import org.springdoc.core.service.OpenAPIService;
import org.springdoc.core.service.OperationService;
import org.springdoc.webmvc.api.OpenApiWebMvcResource;
import org.springframework.beans.factory.ObjectFactory;
import org.springframework.stereotype.Component;

/**
 * {@code /v3/api-docs} as springdoc serves it (built once, then cached), except that it is built
 * again as soon as the run-time state it documents changes ({@link ApiDocumentPass#state()}: a
 * custom field created on any instance is in the next document every instance serves), and that
 * every build is finished by the {@link ApiDocumentPass}es, in order, after all customizers. It
 * takes the place of springdoc's own resource, which gives way to any other.
 */
@Component
class LiveApiDocs extends OpenApiWebMvcResource {

  private final List<ApiDocumentPass> passes;
  private final SpringDocConfigProperties properties;
  private @Nullable List<@Nullable Object> builtFrom;
  private @Nullable OpenAPI finished;

  LiveApiDocs(
      ObjectFactory<OpenAPIService> openApiServices,
      AbstractRequestService requests,
      GenericResponseService responses,
      OperationService operations,
      SpringDocConfigProperties properties,
      SpringDocProviders providers,
      SpringDocCustomizers customizers,
      List<ApiDocumentPass> passes) {
    super(openApiServices, requests, responses, operations, properties, providers, customizers);
    this.passes = List.copyOf(passes);
    this.properties = properties;
  }

  @Override
  protected OpenAPI getOpenApi(@Nullable String serverBaseUrl, @Nullable Locale locale) {
    // one request at a time, as springdoc builds anyway: a state read earlier never replaces a
    // document built from a later one
    synchronized (this) {
      List<@Nullable Object> states = new ArrayList<>();
      passes.forEach(pass -> states.add(pass.state()));
      if (builtFrom != null && !same(builtFrom, states)) {
        // springdoc builds the document again on the next call when its cache holds nothing
        openAPIService.setCachedOpenAPI(null, cacheLocale(locale));
      }
      OpenAPI document = super.getOpenApi(serverBaseUrl, locale);
      if (document != finished) {
        for (int i = 0; i < passes.size(); i++) {
          passes.get(i).apply(document, states.get(i));
        }
        finished = document;
        builtFrom = states;
      }
      return document;
    }
  }

  /** The locale springdoc keys its cache with for a request's locale (see its selectLocale). */
  private Locale cacheLocale(@Nullable Locale requested) {
    List<String> allowed = properties.getAllowedLocales();
    if (allowed != null && !allowed.isEmpty()) {
      Locale match =
          requested == null
              ? null
              : Locale.lookup(
                  Locale.LanguageRange.parse(requested.toLanguageTag()),
                  allowed.stream().map(Locale::forLanguageTag).toList());
      return match != null ? match : Locale.forLanguageTag(allowed.get(0));
    }
    return requested == null ? Locale.getDefault() : requested;
  }

  private static boolean same(List<@Nullable Object> a, List<@Nullable Object> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i) != b.get(i)) {
        return false;
      }
    }
    return true;
  }
}
