package com.leadgencrm.opportunities.core;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/**
 * Strict conversions of the plain values clients submit, whatever the protocol: text ({@link
 * String}), integers ({@link Long}, or {@link BigInteger} beyond 64 bits), other numbers ({@link
 * BigDecimal}), {@link Boolean}, a {@code List} of such values for an array, {@link #STRUCTURED}
 * for an object. A string is never a number, a number never a boolean. Each conversion throws
 * {@link TypeMismatch} with a message a client can act on.
 */
public final class Values {

  /** The plain value of an object: never what a property takes. */
  public static final Object STRUCTURED =
      new Object() {
        @Override
        public String toString() {
          return "an array or object";
        }
      };

  /** Numbers beyond this many integer or fraction digits are refused before any arithmetic. */
  public static final int MAX_DIGITS = 40;

  /**
   * The longest text read as a number: every number within {@link #MAX_DIGITS} can be written in
   * fewer characters, and a longer text is refused unread (parsing a text of a million digits costs
   * seconds).
   */
  public static final int MAX_NUMBER_TEXT = 2 * MAX_DIGITS + 20;

  public static final String OUT_OF_RANGE =
      "is out of range (at most " + MAX_DIGITS + " digits before and after the decimal point)";

  public static final String INSTANT =
      "must be a date-time with offset such as 2026-12-31T17:00:00Z, or a date such as 2026-12-31";

  private static final int MIN_YEAR = 1;
  private static final int MAX_YEAR = 9999;

  private Values() {}

  /** A value of the wrong type. */
  public static final class TypeMismatch extends Exception {
    public TypeMismatch(String message) {
      super(message, null, false, false);
    }
  }

  public static String string(@Nullable Object value) throws TypeMismatch {
    if (!(value instanceof String text)) {
      throw new TypeMismatch("must be a string");
    }
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

  /** An array of strings. */
  public static java.util.List<String> strings(@Nullable Object value) throws TypeMismatch {
    if (!(value instanceof java.util.List<?> list)) {
      throw new TypeMismatch("must be an array of strings");
    }
    java.util.List<String> strings = new java.util.ArrayList<>(list.size());
    for (Object element : list) {
      if (!(element instanceof String text)) {
        throw new TypeMismatch("must be an array of strings");
      }
      checkText(text);
      strings.add(text);
    }
    return java.util.List.copyOf(strings);
  }

  public static boolean bool(@Nullable Object value) throws TypeMismatch {
    if (!(value instanceof Boolean bool)) {
      throw new TypeMismatch("must be true or false");
    }
    return bool;
  }

  /** An integer within [min, max]. */
  public static long integer(@Nullable Object value, long min, long max) throws TypeMismatch {
    if (value instanceof Long number && number >= min && number <= max) {
      return number;
    }
    throw new TypeMismatch("must be an integer from " + min + " to " + max);
  }

  /** Any number, as an exact decimal of bounded size. */
  public static BigDecimal decimal(@Nullable Object value) throws TypeMismatch {
    if (value instanceof Long integer) {
      return BigDecimal.valueOf(integer);
    }
    if (value instanceof BigInteger integer) {
      return bounded(new BigDecimal(integer));
    }
    if (value instanceof BigDecimal decimal) {
      return bounded(decimal);
    }
    throw new TypeMismatch("must be a number");
  }

  /**
   * The number when it has at most {@link #MAX_DIGITS} integer and fraction digits: a bound checked
   * on the representation alone, before any arithmetic, so that no value can make comparing or
   * printing it expensive ({@code 1e-99999999} is one digit with a scale of a hundred million).
   *
   * <p>This is the one rule for every decimal that reaches SQL or arithmetic, whatever it came
   * from: a JSON body, a query parameter, a wire-protocol value or a cursor. Its siblings {@link
   * #parseDecimal(String)} (text) and {@link #isBounded} apply it.
   */
  public static BigDecimal bounded(BigDecimal number) throws TypeMismatch {
    if (!isBounded(number)) {
      throw new TypeMismatch(OUT_OF_RANGE);
    }
    return number;
  }

  /** Whether {@link #bounded} accepts the number; costs nothing whatever the number. */
  public static boolean isBounded(BigDecimal number) {
    // precision() is the digit count of the unscaled value, which is never larger than it is in
    // the text that was parsed; scale() is a field
    long scale = number.scale();
    return scale <= MAX_DIGITS && number.precision() - scale <= MAX_DIGITS;
  }

  /**
   * The number a text spells ({@code 12.50}, {@code -3}, {@code 1e2}, surrounding blanks ignored),
   * within the bounds of {@link #bounded}. A text longer than {@link #MAX_NUMBER_TEXT} is refused
   * before it is parsed.
   */
  public static BigDecimal parseDecimal(String text) throws TypeMismatch {
    String number = text.strip();
    if (number.length() > MAX_NUMBER_TEXT) {
      throw new TypeMismatch(OUT_OF_RANGE);
    }
    try {
      return bounded(new BigDecimal(number));
    } catch (NumberFormatException e) {
      throw new TypeMismatch("must be a number");
    }
  }

  /** A calendar date, {@code 2026-12-31}. */
  public static LocalDate date(@Nullable Object value) throws TypeMismatch {
    String message = "must be a date such as 2026-12-31";
    if (!(value instanceof String text)) {
      throw new TypeMismatch(message);
    }
    try {
      LocalDate date = LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
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
  public static Instant instant(@Nullable Object value) throws TypeMismatch {
    if (!(value instanceof String text)) {
      throw new TypeMismatch(INSTANT);
    }
    return instant(text);
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
