package com.leadgencrm.opportunities.security;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;

/** Reads {@code Authorization: Bearer <keyId>.<secret>}. */
class BearerKeyConverter implements AuthenticationConverter {

  private static final String BEARER = "bearer ";

  @Override
  public @Nullable Authentication convert(HttpServletRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null) {
      return null;
    }
    if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw new BadCredentialsException(
          "The Authorization header must be 'Bearer <keyId>.<secret>'");
    }
    String token = header.substring(BEARER.length()).trim();
    int dot = token.indexOf('.');
    if (dot <= 0 || dot == token.length() - 1) {
      throw new BadCredentialsException("The bearer token must be <keyId>.<secret>");
    }
    return new ApiKeyAuthentication(token.substring(0, dot), token.substring(dot + 1));
  }
}
