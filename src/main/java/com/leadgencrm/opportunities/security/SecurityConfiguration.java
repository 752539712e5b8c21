package com.leadgencrm.opportunities.security;

import com.leadgencrm.opportunities.core.Caller;
import com.leadgencrm.opportunities.core.Requires;
import com.leadgencrm.opportunities.core.Role;
import com.leadgencrm.opportunities.web.HttpProperties;
import com.leadgencrm.opportunities.web.ProblemCorsProcessor;
import com.leadgencrm.opportunities.web.ProblemWriter;
import com.leadgencrm.opportunities.web.RequestIds;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST API's security: every request needs an API key ({@code Authorization: Bearer
 * <keyId>.<secret>}) but the documentation and health. What each role may do is declared on the
 * service methods ({@link Requires}); only the actuator's endpoints, which are not the service's
 * own, are guarded here by role. The wire protocol has a chain of its own, built alike.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  static final String REALM = "Bearer realm=\"opportunities\"";

  /** Reached without credentials: documentation and health. */
  static final String[] OPEN = {
    "/v3/api-docs",
    "/v3/api-docs/**",
    "/swagger-ui.html",
    "/swagger-ui/**",
    "/actuator/health",
    "/actuator/health/**",
    "/error"
  };

  /**
   * No observation per security filter, authentication and authorization: wrapping every filter of
   * the chain cost about 5% of the CPU of a GET; the http.server.requests metrics stay.
   */
  @Bean
  SecurityObservationSettings noSecurityObservations() {
    return SecurityObservationSettings.noObservations();
  }

  @Bean
  AuthenticationManager apiKeyAuthenticationManager(ApiKeyService keys) {
    return new ProviderManager(new ApiKeyAuthenticationProvider(keys));
  }

  /**
   * The token buckets' own small pool: their commits need no durability, and their row locks must
   * not hold the connections of business work.
   */
  @Bean
  RateLimits rateLimits(DataSourceProperties dataSource, SecurityProperties properties) {
    HikariDataSource pool =
        dataSource.initializeDataSourceBuilder().type(HikariDataSource.class).build();
    pool.setPoolName("rate-limits");
    pool.setMaximumPoolSize(4);
    pool.setMinimumIdle(1);
    pool.setSchema("crm");
    pool.setConnectionTimeout(5000);
    pool.setConnectionInitSql("set synchronous_commit = off");
    return new RateLimits(pool, properties);
  }

  /**
   * Browser pages of the configured origins may call the API (CORS); none configured, CORS stays
   * off. Preflights are answered before authentication (browsers send them without credentials),
   * and credentials are never cookies, so none are allowed.
   */
  static @Nullable CorsConfigurationSource cors(HttpProperties http) {
    List<String> origins = http.origins();
    if (origins.isEmpty()) {
      return null;
    }
    CorsConfiguration cors = new CorsConfiguration();
    cors.setAllowedOriginPatterns(origins);
    cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
    cors.setAllowedHeaders(
        List.of(
            "Authorization",
            "Content-Type",
            "Accept",
            "If-Match",
            "If-None-Match",
            "Idempotency-Key",
            RequestIds.HEADER));
    cors.setExposedHeaders(
        List.of(
            "ETag",
            "Location",
            "Retry-After",
            RateLimits.POLICY,
            RateLimits.STATE,
            RequestIds.HEADER,
            "Idempotent-Replayed",
            "WWW-Authenticate"));
    cors.setAllowCredentials(false);
    cors.setMaxAge(3600L);
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration("/**", cors);
    return source;
  }

  @Bean
  @Order(Ordered.LOWEST_PRECEDENCE)
  SecurityFilterChain apiSecurity(
      HttpSecurity http,
      ApiKeyChains chains,
      ProblemWriter problems,
      HttpProperties httpProperties,
      JsonMapper json)
      throws Exception {
    http.cors(cors -> cors.disable());
    CorsConfigurationSource corsSource = cors(httpProperties);
    if (corsSource != null) {
      CorsFilter corsFilter = new CorsFilter(corsSource);
      corsFilter.setCorsProcessor(new ProblemCorsProcessor(json));
      http.addFilterAt(corsFilter, CorsFilter.class);
    }
    RequestMatcher open =
        new OrRequestMatcher(
            Arrays.stream(OPEN)
                .map(path -> PathPatternRequestMatcher.withDefaults().matcher(path))
                .map(RequestMatcher.class::cast)
                .toList());
    return chains
        .apply(http, new BearerKeyConverter(), new ProblemRefusals(problems), open)
        .exceptionHandling(
            exceptions ->
                exceptions.accessDeniedHandler(
                    (request, response, denied) ->
                        problems.write(
                            request,
                            response,
                            HttpStatus.FORBIDDEN,
                            "The role of this API key ("
                                + Caller.current().role()
                                + ") may not "
                                + request.getMethod()
                                + " "
                                + request.getRequestURI(),
                            Map.of())))
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers(open)
                    .permitAll()
                    .requestMatchers("/actuator/**")
                    .hasRole(Role.ADMINISTRATOR.name())
                    .anyRequest()
                    .authenticated())
        .build();
  }

  /** The REST API's refusals: problems, with the headers HTTP clients act on. */
  private record ProblemRefusals(ProblemWriter problems) implements SecurityRefusals {

    @Override
    public void unauthenticated(
        HttpServletRequest request, HttpServletResponse response, @Nullable String reason)
        throws IOException {
      if (reason == null) {
        problems.write(
            request,
            response,
            HttpStatus.UNAUTHORIZED,
            "This endpoint needs an API key: 'Authorization: Bearer <keyId>.<secret>'",
            Map.of("WWW-Authenticate", REALM));
        return;
      }
      problems.write(
          request,
          response,
          HttpStatus.UNAUTHORIZED,
          reason,
          Map.of(
              "WWW-Authenticate",
              REALM + ", error=\"invalid_token\", error_description=\"" + reason + "\""));
    }

    @Override
    public void rateLimited(
        HttpServletRequest request, HttpServletResponse response, String keyId, long retryAfter)
        throws IOException {
      problems.write(
          request,
          response,
          HttpStatus.TOO_MANY_REQUESTS,
          "Rate limit of API key " + keyId + " exceeded; retry after " + retryAfter + " s",
          Map.of("Retry-After", Long.toString(retryAfter)));
    }

    @Override
    public void overloaded(
        HttpServletRequest request, HttpServletResponse response, String detail, long retryAfter)
        throws IOException {
      problems.write(
          request,
          response,
          HttpStatus.SERVICE_UNAVAILABLE,
          detail,
          Map.of("Retry-After", Long.toString(retryAfter)));
    }

    @Override
    public void unavailable(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      problems.write(
          request,
          response,
          HttpStatus.SERVICE_UNAVAILABLE,
          "The database is unavailable; retry shortly",
          Map.of("Retry-After", "1"));
    }
  }
}
