package com.leadgencrm.opportunities.security;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who a request acts for: the API key, its user (in the ownerID space) and its role.
 *
 * @param keyId the API key's public id
 * @param userId the user the key belongs to
 */
public record Caller(String keyId, long userId, Role role) {

  /** Work the service does on its own behalf (start-up, tests of internals): no scope. */
  public static final Caller SYSTEM = new Caller("system", 0, Role.ADMINISTRATOR);

  /** The caller of the current request, or {@link #SYSTEM} outside of one. */
  public static Caller current() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication != null && authentication.getPrincipal() instanceof Caller caller) {
      return caller;
    }
    return SYSTEM;
  }

  /** The owner every opportunity this caller sees must have, or null when it sees all. */
  public @Nullable Long ownerScope() {
    return role.ownOnly() ? userId : null;
  }

  /** Whether the caller may see an opportunity of this owner. */
  public boolean sees(long ownerId) {
    return !role.ownOnly() || ownerId == userId;
  }
}
