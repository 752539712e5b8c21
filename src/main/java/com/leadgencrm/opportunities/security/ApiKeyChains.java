package com.leadgencrm.opportunities.security;

import com.leadgencrm.opportunities.core.Overloaded;
import com.leadgencrm.opportunities.core.Requires;
import com.leadgencrm.opportunities.limits.Bulkhead;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The security filter chain of a protocol that authenticates API keys: stateless, the key checked
 * on every request by the one authentication manager, then the key's rate limit. The protocols
 * differ only in where they read the credentials ({@link AuthenticationConverter}) and how they
 * answer refusals ({@link SecurityRefusals}); what each caller may do is decided on the service
 * methods ({@link Requires}), for both alike.
 */
@Component
public class ApiKeyChains {

  private static final Logger log = LoggerFactory.getLogger(ApiKeyChains.class);

  private final AuthenticationManager keys;
  private final RateLimits rateLimits;
  private final Bulkhead inFlight;

  ApiKeyChains(
      AuthenticationManager apiKeyAuthenticationManager,
      RateLimits rateLimits,
      @Qualifier("requestsInFlight") Bulkhead inFlight) {
    this.keys = apiKeyAuthenticationManager;
    this.rateLimits = rateLimits;
    this.inFlight = inFlight;
  }

  /** Credentials as a request presents them, for a converter to return: not yet verified. */
  public static Authentication presented(String keyId, String secret) {
    return new ApiKeyAuthentication(keyId, secret);
  }

  /**
   * Authentication and rate limits on a chain; the caller adds its matchers and authorization.
   *
   * @param open requests that never look at credentials (documentation, health)
   */
  public HttpSecurity apply(
      HttpSecurity http,
      AuthenticationConverter credentials,
      SecurityRefusals refusals,
      RequestMatcher open)
      throws Exception {
    AuthenticationFilter authentication = new AuthenticationFilter(keys, credentials);
    authentication.setRequestMatcher(request -> !open.matches(request));
    authentication.setSuccessHandler((request, response, auth) -> {});
    authentication.setFailureHandler(
        (request, response, failure) -> {
          if (failure instanceof AuthenticationServiceException) {
            refusals.unavailable(request, response);
          } else {
            refusals.unauthenticated(request, response, failure.getMessage());
          }
        });
    return http.csrf(csrf -> csrf.disable())
        .httpBasic(basic -> basic.disable())
        .formLogin(form -> form.disable())
        .logout(logout -> logout.disable())
        .requestCache(cache -> cache.disable())
        .sessionManagement(
            sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        // before any work, the key check included: a request beyond the limit in flight is
        // answered at once instead of queueing for a database connection
        .addFilterBefore(inFlightLimit(refusals, open), BasicAuthenticationFilter.class)
        // in the slot of HTTP Basic (which is off), so the rate limit can follow it
        .addFilterAt(authentication, BasicAuthenticationFilter.class)
        .addFilterAfter(rateLimit(refusals), BasicAuthenticationFilter.class)
        .exceptionHandling(
            exceptions ->
                exceptions.authenticationEntryPoint(
                    (request, response, failure) ->
                        refusals.unauthenticated(request, response, null)));
  }

  /**
   * Counts the request in flight until it is answered; beyond the limit, 503 with Retry-After at
   * once. Documentation and health are not counted: liveness answers whatever the load.
   */
  private OncePerRequestFilter inFlightLimit(SecurityRefusals refusals, RequestMatcher open) {
    return new OncePerRequestFilter() {
      @Override
      protected boolean shouldNotFilter(HttpServletRequest request) {
        return open.matches(request);
      }

      @Override
      protected void doFilterInternal(
          HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        Bulkhead.Permit permit;
        try {
          permit = inFlight.enter();
        } catch (Overloaded e) {
          refusals.overloaded(request, response, e.getMessage(), e.retryAfterSeconds());
          return;
        }
        try (permit) {
          chain.doFilter(request, response);
        }
      }
    };
  }

  /** Takes one request from the key's bucket; 429 beyond its rate. */
  private OncePerRequestFilter rateLimit(SecurityRefusals refusals) {
    return new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(
          HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof ApiKeyAuthentication key && key.isAuthenticated()) {
          RateLimits.Quota quota;
          try {
            quota = rateLimits.take(key.keyId(), key.rateLimitPerSecond());
          } catch (RuntimeException e) {
            log.warn(
                "Rate limit store unavailable for {} {}: {}",
                request.getMethod(),
                request.getRequestURI(),
                e.toString());
            refusals.unavailable(request, response);
            return;
          }
          if (quota != null) {
            // on every answer to a limited key, whatever comes of the request (IETF httpapi draft)
            response.setHeader(RateLimits.POLICY, quota.policy());
            response.setHeader(RateLimits.STATE, quota.state());
            if (!quota.allowed()) {
              refusals.rateLimited(request, response, key.keyId(), quota.retryAfterSeconds());
              return;
            }
          }
        }
        chain.doFilter(request, response);
      }
    };
  }
}
