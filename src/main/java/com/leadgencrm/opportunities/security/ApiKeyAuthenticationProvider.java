package com.leadgencrm.opportunities.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/** Verifies a presented API key against the stored ones. */
class ApiKeyAuthenticationProvider implements AuthenticationProvider {

  private final ApiKeyService keys;

  ApiKeyAuthenticationProvider(ApiKeyService keys) {
    this.keys = keys;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    ApiKeyAuthentication presented = (ApiKeyAuthentication) authentication;
    Object secret = presented.getCredentials();
    return keys.verify(presented.keyId(), secret == null ? "" : secret.toString())
        .map(ApiKeyAuthentication::new)
        .orElseThrow(() -> new BadCredentialsException("Unknown, wrong or revoked API key"));
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return ApiKeyAuthentication.class.isAssignableFrom(authentication);
  }
}
