package com.leadgencrm.opportunities.pubapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An error of the wire protocol: an API-level error of the whole call, or the error of one object
 * of a write. The codes are the protocol's.
 */
final class WireError extends RuntimeException {

  static final int INVALID_REQUEST_DATA = 101;
  static final int MISSING_REQUEST_ID = 102;
  static final int AUTHENTICATION_FAILED = 105;
  static final int MISSING_METHOD = 201;
  static final int MISSING_PARAMS = 202;
  static final int INVALID_METHOD = 204;
  static final int INVALID_PARAMETERS = 205;
  static final int MISSING_PARAMETERS = 206;
  static final int MISSING_OBJECTS = 207;
  static final int MALFORMED_OBJECT = 208;
  static final int TOO_MANY_OBJECTS = 209;
  static final int ONLY_CUSTOM_FIELDS = 211;
  static final int ENTRY_EXISTS = 301;
  static final int NO_ROWS_AFFECTED = 302;

  /** Not one of the original codes: the API key's rate limit (its HTTP status). */
  static final int RATE_LIMITED = 429;

  /** Not one of the original codes: the database is unavailable (its HTTP status). */
  static final int UNAVAILABLE = 503;

  /**
   * Not one of the original codes: the body is larger than the service takes (its HTTP status, the
   * status it is answered with).
   */
  static final int TOO_LARGE = 413;

  /** Not one of the original codes: a failure of the service itself (its HTTP status). */
  static final int UNEXPECTED = 500;

  private final int code;
  private final List<?> data;

  WireError(int code, String message, List<?> data) {
    super(message, null, false, false);
    this.code = code;
    this.data = List.copyOf(data);
  }

  WireError(int code, String message) {
    this(code, message, List.of());
  }

  int code() {
    return code;
  }

  /** The protocol's error object: {@code {"code", "message", "data"}}. */
  Map<String, Object> object() {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", getMessage());
    error.put("data", data);
    return error;
  }

  /** Whether an answer with this error is final, so that a retry with its key replays it. */
  boolean isFinal() {
    return code != AUTHENTICATION_FAILED
        && code != RATE_LIMITED
        && code != UNAVAILABLE
        && code != UNEXPECTED;
  }

  static WireError authenticationFailed() {
    return new WireError(AUTHENTICATION_FAILED, "User authentication failed");
  }

  static WireError unexpected() {
    return new WireError(UNEXPECTED, "An unexpected error occurred");
  }

  static WireError unavailable() {
    return new WireError(UNAVAILABLE, "The database is unavailable; retry shortly");
  }
}
