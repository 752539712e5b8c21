package com.leadgencrm.opportunities.core;

/**
 * The service has no room for this request now: too many requests in flight, or too many heavy
 * reads running and waiting. Not a refusal of what the client sent: the same request may succeed
 * after {@link #retryAfterSeconds()} (503 with Retry-After over REST, code 503 on the wire
 * protocol; never kept for an Idempotency-Key).
 */
public class Overloaded extends RuntimeException {

  private final long retryAfterSeconds;

  public Overloaded(String message, long retryAfterSeconds) {
    super(message, null, false, false);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
