package com.leadgencrm.opportunities.security;

import java.util.function.Supplier;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Runs work as the caller of a verified API key: for protocols that authenticate inside the request
 * (the wire protocol's envelope) rather than in the security filters.
 */
public final class ActingAs {

  private ActingAs() {}

  public static <T> T call(ApiKeyService.Verified key, Supplier<T> work) {
    SecurityContext previous = SecurityContextHolder.getContext();
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(new ApiKeyAuthentication(key));
    SecurityContextHolder.setContext(context);
    try {
      return work.get();
    } finally {
      SecurityContextHolder.setContext(previous);
    }
  }
}
