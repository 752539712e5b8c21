package com.leadgencrm.opportunities.json;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import tools.jackson.databind.JsonNode;

/**
 * Strict conversions from JSON values: a string is never a number, a number never a boolean. Each
 * method throws {@link TypeMismatch} with a message a client can act on.
 */
public final class JsonValues {

  /** Numbers beyond this many integer or fraction digits are rejected before any arithmetic. */
  private static final int MAX_DIGITS = 40;

  public static final String INSTANT =
      "must be a date-time with offset such as 2026-12-31T17:00:00Z, or a date such as 2026-12-31";

  private static final int MIN_YEAR = 1;
  private static final int MAX_YEAR = 9999;

  private JsonValues() {}

  /** A JSON value of the wrong type. */
  public static final class TypeMismatch extends Exception {
    public TypeMismatch(String message) {
      super(message, null, false, false);
    }
  }

  public static String string(JsonNode node) throws TypeMismatch {
    if (!node.isString()) {
      throw new TypeMismatch("must be a string");
    }
    String text = node.stringValue();
    checkText(text);
    return text;
  }

  /** Text PostgreSQL can store and clients can read back: valid Unicode, no NUL characters. */
  public static void checkText(String text) throws TypeMismatch {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) {
        throw new TypeMismatch("must not contain NUL characters");
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new TypeMismatch("must be valid Unicode text (it holds an unpaired surrogate)");
      }
    }
  }

  /** Whether {@link #checkText} accepts the text. */
  public static boolean isValidText(String text) {
    try {
      checkText(text);
      return true;
    } catch (TypeMismatch e) {
      return false;
    }
  }

  public static boolean bool(JsonNode node) throws TypeMismatch {
    if (!node.isBoolean()) {
      throw new TypeMismatch("must be true or false");
    }
    return node.booleanValue();
  }

  /** An integer within [min, max]. */
  public static long integer(JsonNode node, long min, long max) throws TypeMismatch {
    String range = "must be an integer from " + min + " to " + max;
    if (!node.isNumber()) {
      throw new TypeMismatch(range);
    }
    if (node.isIntegralNumber()) {
      if (!node.canConvertToLong() || node.longValue() < min || node.longValue() > max) {
        throw new TypeMismatch(range);
      }
      return node.longValue();
    }
    throw new TypeMismatch(range);
  }

  /** Any JSON number, as an exact decimal of bounded size. */
  public static BigDecimal decimal(JsonNode node) throws TypeMismatch {
    if (!node.isNumber()) {
      throw new TypeMismatch("must be a number");
    }
    BigDecimal value = node.decimalValue();
    if (value.scale() > MAX_DIGITS || value.precision() - value.scale() > MAX_DIGITS) {
      throw new TypeMismatch("is out of range");
    }
    return value;
  }

  /** A calendar date, {@code 2026-12-31}. */
  public static LocalDate date(JsonNode node) throws TypeMismatch {
    String message = "must be a date such as 2026-12-31";
    if (!node.isString()) {
      throw new TypeMismatch(message);
    }
    try {
      LocalDate date = LocalDate.parse(node.stringValue(), DateTimeFormatter.ISO_LOCAL_DATE);
      checkYear(date.getYear(), message);
      return date;
    } catch (DateTimeException e) {
      throw new TypeMismatch(message);
    }
  }

  /**
   * An instant: an ISO-8601 date-time with offset ({@code 2026-12-31T17:00:00+01:00}) or a date
   * ({@code 2026-12-31}, meaning 00:00 UTC).
   */
  public static Instant instant(JsonNode node) throws TypeMismatch {
    if (!node.isString()) {
      throw new TypeMismatch(INSTANT);
    }
    return instant(node.stringValue());
  }

  /** Parses the text of an instant: a date-time with offset, or a date meaning 00:00 UTC. */
  public static Instant instant(String text) throws TypeMismatch {
    try {
      if (text.length() == 10) {
        LocalDate date = LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
        checkYear(date.getYear(), INSTANT);
        return date.atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      OffsetDateTime dateTime = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      checkYear(dateTime.getYear(), INSTANT);
      return dateTime.toInstant();
    } catch (DateTimeException e) {
      throw new TypeMismatch(INSTANT);
    }
  }

  private static void checkYear(int year, String message) throws TypeMismatch {
    if (year < MIN_YEAR || year > MAX_YEAR) {
      throw new TypeMismatch(message + " (years 1 to 9999)");
    }
  }
}
