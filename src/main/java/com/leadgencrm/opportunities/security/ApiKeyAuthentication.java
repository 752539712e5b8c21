package com.leadgencrm.opportunities.security;

import com.leadgencrm.opportunities.core.Caller;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An API key presented by a request (unauthenticated: key id and secret) or verified (the caller).
 */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

  private final String keyId;
  private @Nullable String secret;
  private final @Nullable Caller caller;
  private final @Nullable Integer rateLimitPerSecond;

  /** As presented: not yet verified. */
  ApiKeyAuthentication(String keyId, String secret) {
    super(List.of());
    this.keyId = keyId;
    this.secret = secret;
    this.caller = null;
    this.rateLimitPerSecond = null;
  }

  /** Verified. */
  ApiKeyAuthentication(ApiKeyService.Verified verified) {
    super(List.of(new SimpleGrantedAuthority(verified.caller().role().authority())));
    this.keyId = verified.caller().keyId();
    this.secret = null;
    this.caller = verified.caller();
    this.rateLimitPerSecond = verified.rateLimitPerSecond();
    setAuthenticated(true);
  }

  @Override
  public @Nullable Object getCredentials() {
    return secret;
  }

  /** The caller once verified, else the key id. */
  @Override
  public Object getPrincipal() {
    return caller != null ? caller : keyId;
  }

  String keyId() {
    return keyId;
  }

  @Nullable Integer rateLimitPerSecond() {
    return rateLimitPerSecond;
  }

  @Override
  public void eraseCredentials() {
    secret = null;
  }

  @Override
  public boolean equals(Object other) {
    return this == other;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }

  @Override
  public String toString() {
    // never the secret
    return "ApiKeyAuthentication[" + keyId + (caller != null ? ", " + caller.role() : "") + "]";
  }
}
