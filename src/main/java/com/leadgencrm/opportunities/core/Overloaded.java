package com.leadgencrm.opportunities.core;

/**
 * The service has no room for this request now: too many requests in flight, too many heavy reads
 * running and waiting, or more of the opportunities' history to bring up to date first than one
 * request may. Not a refusal of what the client sent: the same request may succeed after {@link
 * #retryAfterSeconds()} (503 with Retry-After over REST, code 503 on the wire protocol; never kept
 * for an Idempotency-Key).
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
