package com.leadgencrm.opportunities.security;

import com.leadgencrm.opportunities.web.HttpProperties;
import com.leadgencrm.opportunities.web.ProblemWriter;
import com.leadgencrm.opportunities.web.RequestIds;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call what. Only the documentation, health and the wire protocol (which authenticates in
 * its own envelope) are open; everything else needs an API key, and each role reaches what the
 * permission table in {@link Role} allows. Owner scoping of opportunities happens in the services.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  static final String REALM = "Bearer realm=\"opportunities\"";

  /** Reached without credentials: documentation, health, and the wire protocol's own envelope. */
  static final String[] OPEN = {
    "/v3/api-docs",
    "/v3/api-docs/**",
    "/swagger-ui.html",
    "/swagger-ui/**",
    "/actuator/health",
    "/actuator/health/**",
    "/error",
    "/pubapi/**"
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
  RateLimits rateLimits(
      DataSourceProperties dataSource, SecurityProperties properties, ProblemWriter problems) {
    HikariDataSource pool =
        dataSource.initializeDataSourceBuilder().type(HikariDataSource.class).build();
    pool.setPoolName("rate-limits");
    pool.setMaximumPoolSize(4);
    pool.setMinimumIdle(1);
    pool.setSchema("crm");
    pool.setConnectionTimeout(5000);
    pool.setConnectionInitSql("set synchronous_commit = off");
    return new RateLimits(pool, properties, problems);
  }

  /**
   * Runs inside the security filter chain only (after authentication), not as a servlet filter too.
   */
  @Bean
  FilterRegistrationBean<RateLimits> rateLimitsOutsideTheSecurityChain(RateLimits rateLimits) {
    FilterRegistrationBean<RateLimits> registration = new FilterRegistrationBean<>(rateLimits);
    registration.setEnabled(false);
    return registration;
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
  SecurityFilterChain apiSecurity(
      HttpSecurity http,
      AuthenticationManager keys,
      RateLimits rateLimits,
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
    AuthenticationFilter authentication = new AuthenticationFilter(keys, new BearerKeyConverter());
    // open paths never look at credentials: health answers even while the keys cannot be read
    authentication.setRequestMatcher(
        new NegatedRequestMatcher(
            new OrRequestMatcher(
                Arrays.stream(OPEN)
                    .map(path -> PathPatternRequestMatcher.withDefaults().matcher(path))
                    .map(RequestMatcher.class::cast)
                    .toList())));
    authentication.setSuccessHandler((request, response, auth) -> {});
    authentication.setFailureHandler(
        (request, response, failure) -> {
          if (failure instanceof AuthenticationServiceException) {
            problems.write(
                request,
                response,
                HttpStatus.SERVICE_UNAVAILABLE,
                "The database is unavailable; retry shortly",
                Map.of("Retry-After", "1"));
            return;
          }
          problems.write(
              request,
              response,
              HttpStatus.UNAUTHORIZED,
              failure.getMessage(),
              Map.of(
                  "WWW-Authenticate",
                  REALM
                      + ", error=\"invalid_token\", error_description=\""
                      + failure.getMessage()
                      + "\""));
        });
    return http.csrf(csrf -> csrf.disable())
        .httpBasic(basic -> basic.disable())
        .formLogin(form -> form.disable())
        .logout(logout -> logout.disable())
        .requestCache(cache -> cache.disable())
        .sessionManagement(
            sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        // in the slot of HTTP Basic (which is off), so the rate limit can follow it
        .addFilterAt(authentication, BasicAuthenticationFilter.class)
        .addFilterAfter(rateLimits, BasicAuthenticationFilter.class)
        .exceptionHandling(
            exceptions ->
                exceptions
                    .authenticationEntryPoint(
                        (request, response, failure) ->
                            problems.write(
                                request,
                                response,
                                HttpStatus.UNAUTHORIZED,
                                "This endpoint needs an API key: 'Authorization: Bearer <keyId>.<secret>'",
                                Map.of("WWW-Authenticate", REALM)))
                    .accessDeniedHandler(
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
                    .requestMatchers(OPEN)
                    .permitAll()
                    .requestMatchers("/actuator/**")
                    .hasAnyRole(roles(Role::managesApiKeys))
                    .requestMatchers("/apiKeys", "/apiKeys/**")
                    .hasAnyRole(roles(Role::managesApiKeys))
                    .requestMatchers(
                        HttpMethod.GET,
                        "/dealStages",
                        "/dealStages/**",
                        "/fields",
                        "/fields/**",
                        "/opportunities",
                        "/opportunities/**",
                        "/opportunityLeads",
                        "/opportunityLeads/**")
                    .authenticated()
                    .requestMatchers("/dealStages", "/dealStages/**")
                    .hasAnyRole(roles(Role::writesDealStages))
                    .requestMatchers("/fields", "/fields/**")
                    .hasAnyRole(roles(Role::writesFields))
                    .requestMatchers(HttpMethod.DELETE, "/opportunities/**", "/opportunityLeads/**")
                    .hasAnyRole(roles(Role::deletesOpportunities))
                    .requestMatchers(
                        "/opportunities",
                        "/opportunities/**",
                        "/opportunityLeads",
                        "/opportunityLeads/**")
                    .hasAnyRole(roles(Role::writesOpportunities))
                    .anyRequest()
                    .authenticated())
        .build();
  }

  private static String[] roles(Predicate<Role> allowed) {
    return Arrays.stream(Role.values()).filter(allowed).map(Role::name).toArray(String[]::new);
  }
}
