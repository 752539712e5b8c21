package com.leadgencrm.opportunities.core;

import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who a request acts for: the API key, its user (in the ownerID space) and its role.
 *
 * @param keyId the API key's public id
 * @param userId the user the key belongs to
 */
public record Caller(String keyId, long userId, Role role) {

  /**
   * The service itself, for work it does on its own behalf (start-up, scheduled jobs): unscoped.
   * Only ever acting through {@link #runAsSystem}, never by default.
   */
  public static final Caller SYSTEM = new Caller("system", 0, Role.ADMINISTRATOR);

  /**
   * The caller of the current request or system work.
   *
   * @throws IllegalStateException outside of an authenticated request or {@link #runAsSystem}:
   *     there is no ambient authority
   */
  public static Caller current() {
    Caller caller = currentOrNull();
    if (caller == null) {
      throw new IllegalStateException("No caller: work outside a request runs through runAsSystem");
    }
    return caller;
  }

  /** The caller of the current request, if it has been authenticated. */
  public static @Nullable Caller currentOrNull() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication != null
        && authentication.isAuthenticated()
        && authentication.getPrincipal() instanceof Caller caller) {
      return caller;
    }
    return null;
  }

  /** Runs work of the service's own (start-up, scheduled jobs) as {@link #SYSTEM}. */
  public static <T> T runAsSystem(Supplier<T> work) {
    return actingAs(
        UsernamePasswordAuthenticationToken.authenticated(
            SYSTEM, null, List.of(new SimpleGrantedAuthority(SYSTEM.role().authority()))),
        work);
  }

  /** Runs work as the caller an authentication stands for. */
  public static <T> T actingAs(Authentication authentication, Supplier<T> work) {
    SecurityContext previous = SecurityContextHolder.getContext();
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(authentication);
    SecurityContextHolder.setContext(context);
    try {
      return work.get();
    } finally {
      SecurityContextHolder.setContext(previous);
    }
  }

  /** Whether the caller's role has the permission. */
  public boolean may(Permission permission) {
    return role.allows(permission);
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
