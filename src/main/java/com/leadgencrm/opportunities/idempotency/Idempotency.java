package com.leadgencrm.opportunities.idempotency;

import jakarta.servlet.http.HttpServletRequest;

/** What an adapter tells the {@code Idempotency-Key} filter about the answer it gave. */
public final class Idempotency {

  private static final String NOT_STORED = Idempotency.class.getName() + ".notStored";

  private Idempotency() {}

  /**
   * The answer of this request is not kept for a retry with its key: a read (a retry reads afresh)
   * or an answer that is not final (a failure the client is told to retry). What it wrote, if
   * anything, is rolled back. Marked before the request reaches the Idempotency-Key filter (a read
   * known as one from the start), the request runs as if it had no key.
   */
  public static void doNotStore(HttpServletRequest request) {
    request.setAttribute(NOT_STORED, Boolean.TRUE);
  }

  static boolean isStored(HttpServletRequest request) {
    return request.getAttribute(NOT_STORED) == null;
  }
}
