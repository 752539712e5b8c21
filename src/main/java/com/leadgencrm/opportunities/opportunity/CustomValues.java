package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.Values;
import com.leadgencrm.opportunities.core.Values.TypeMismatch;
import com.leadgencrm.opportunities.field.DataType;
import com.leadgencrm.opportunities.field.FieldRef;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Email;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;
import org.hibernate.validator.constraints.URL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The values of custom fields: validation of what clients send, the stored form, the form clients
 * read, and conversion when a field's data type changes. Values are plain (see {@link Values}).
 *
 * <p>Stored forms: strings for text-like types, integers ({@code Long}) and decimals for integer
 * and number, booleans, {@code 2026-12-31} for dates, and fixed-width UTC {@code
 * 2026-12-31T17:00:00.000000Z} for date-times, so that their text sorts in time order (the range
 * index compares text).
 */
@Component
class CustomValues {

  private static final long MAX_INTEGER = 999_999_999_999_999_999L;
  private static final DateTimeFormatter STORED_DATETIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
  private static final Pattern STORED_DATETIME_FORM =
      Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{6}Z");
  private static final Pattern PHONE =
      Pattern.compile("\\+?[0-9 ()./-]*[0-9][0-9 ()./-]*(\\s*(x|ext\\.?)\\s*[0-9]{1,6})?");

  private final Validator validator;

  CustomValues(Validator validator) {
    this.validator = validator;
  }

  private record EmailValue(@Email String value) {}

  private record UrlValue(@URL(regexp = "^(?i)https?:.*") String value) {}

  /** Validates a client's value for the field and returns its stored form. */
  Object stored(FieldRef field, @Nullable Object value) throws TypeMismatch {
    return switch (field.dataType()) {
      case TEXT, TEXTAREA, EMAIL, URL, PHONE -> text(field, value);
      case INTEGER -> Values.integer(value, -MAX_INTEGER, MAX_INTEGER);
      case NUMBER -> Values.decimal(value);
      case BOOLEAN -> Values.bool(value);
      case DATE -> Values.date(value).toString();
      case DATETIME -> STORED_DATETIME.format(Values.instant(value));
    };
  }

  private String text(FieldRef field, @Nullable Object value) throws TypeMismatch {
    String text = Values.string(value);
    int length = text.codePointCount(0, text.length());
    if (length > field.dataLength()) {
      throw new TypeMismatch("must be at most " + field.dataLength() + " characters long");
    }
    boolean valid =
        switch (field.dataType()) {
          case EMAIL -> !text.isEmpty() && validator.validate(new EmailValue(text)).isEmpty();
          case URL -> !text.isEmpty() && validator.validate(new UrlValue(text)).isEmpty();
          case PHONE ->
              PHONE.matcher(text).matches() && text.chars().filter(Character::isDigit).count() >= 3;
          default -> true;
        };
    if (!valid) {
      throw new TypeMismatch(
          switch (field.dataType()) {
            case EMAIL -> "must be an email address";
            case URL -> "must be an http or https URL";
            default ->
                "must be a phone number: digits, spaces and + ( ) - . /, optionally an extension";
          });
    }
    return text;
  }

  /** The stored value as clients read it. */
  Object readable(FieldRef field, Object stored) {
    if (field.dataType() == DataType.DATETIME && stored instanceof String text) {
      return readableDateTime(text);
    }
    return stored;
  }

  /**
   * A stored date-time as {@link Instant#toString} writes it, without parsing it into an instant
   * and formatting that again (a list of 100 rows reads up to 100 per custom date-time field): the
   * stored form has six fraction digits, the instant's text leaves out trailing groups of three
   * zeros. Any other form is parsed.
   */
  static String readableDateTime(String stored) {
    if (!STORED_DATETIME_FORM.matcher(stored).matches()) {
      return Instant.parse(stored).toString();
    }
    if (stored.startsWith("000000", 20)) {
      return stored.substring(0, 19) + 'Z';
    }
    if (stored.startsWith("000", 23)) {
      return stored.substring(0, 23) + 'Z';
    }
    return stored;
  }

  /**
   * A stored value of {@code before}'s type, converted to {@code after}'s: the value as a client
   * would write it in the new type, validated like any client value.
   */
  Object convert(FieldRef before, FieldRef after, Object stored) throws TypeMismatch {
    Object value = readable(before, stored);
    Object candidate =
        switch (after.dataType()) {
          case TEXT, TEXTAREA, EMAIL, URL, PHONE -> value instanceof String ? value : text(value);
          case INTEGER, NUMBER -> value instanceof String text ? number(text) : value;
          case BOOLEAN ->
              value instanceof String text && (text.equals("true") || text.equals("false"))
                  ? Boolean.valueOf(text)
                  : value;
          case DATE -> value instanceof String text ? dateOf(text) : value;
          case DATETIME -> value;
        };
    return stored(after, candidate);
  }

  /** A plain value as text, the way JSON writes it. */
  private static String text(Object value) {
    return value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
  }

  private static Object number(String text) {
    try {
      BigDecimal number = Values.parseDecimal(text);
      if (number.scale() > 0) {
        return number;
      }
      BigInteger integer = number.toBigIntegerExact();
      return integer.bitLength() < 64 ? (Object) integer.longValue() : integer;
    } catch (NumberFormatException | ArithmeticException | TypeMismatch e) {
      return text;
    }
  }

  /** A date-time at midnight UTC is that date; anything else stays as it is (and fails). */
  private static Object dateOf(String text) {
    try {
      Instant instant = Values.instant(text);
      LocalDate date = LocalDate.ofInstant(instant, ZoneOffset.UTC);
      if (date.atStartOfDay(ZoneOffset.UTC).toInstant().equals(instant)) {
        return date.toString();
      }
    } catch (TypeMismatch e) {
      // not a date-time either
    }
    return text;
  }

  /**
   * The stored form of a filter value given as query text: the same types as a written value, but
   * no length or format rules (a value that cannot be stored simply matches nothing).
   */
  Object filter(FieldRef field, String text) throws TypeMismatch {
    Object value =
        switch (field.dataType()) {
          case TEXT, TEXTAREA, EMAIL, URL, PHONE -> text;
          case INTEGER, NUMBER -> number(text);
          case BOOLEAN ->
              text.equals("true") || text.equals("false") ? (Object) Boolean.valueOf(text) : text;
          case DATE, DATETIME -> text.replace(' ', '+');
        };
    if (field.dataType().textual()) {
      return Values.string(value);
    }
    return stored(field, value);
  }

  /** A number read back from storage (JSON), as the plain value it was written as. */
  static Object plain(Object stored) {
    if (stored instanceof Integer integer) {
      return integer.longValue();
    }
    if (stored instanceof BigInteger integer && integer.bitLength() < 64) {
      return integer.longValue();
    }
    return stored;
  }
}
