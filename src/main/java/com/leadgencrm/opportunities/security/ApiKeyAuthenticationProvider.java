package com.leadgencrm.opportunities.security;

import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.TransactionException;

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
    try {
      return keys.verify(presented.keyId(), secret == null ? "" : secret.toString())
          .map(ApiKeyAuthentication::new)
          .orElseThrow(() -> new BadCredentialsException("Unknown, wrong or revoked API key"));
    } catch (DataAccessException | TransactionException e) {
      // not the caller's fault: the keys cannot be read (answered 503, not 401)
      throw new AuthenticationServiceException("The database is unavailable", e);
    }
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return ApiKeyAuthentication.class.isAssignableFrom(authentication);
  }
}
