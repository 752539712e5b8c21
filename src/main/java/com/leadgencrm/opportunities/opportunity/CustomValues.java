package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.field.DataType;
import com.leadgencrm.opportunities.field.FieldRef;
import com.leadgencrm.opportunities.json.JsonValues;
import com.leadgencrm.opportunities.json.JsonValues.TypeMismatch;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Email;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;
import org.hibernate.validator.constraints.URL;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The values of custom fields: validation of what clients send, the stored form, the form clients
 * read, and conversion when a field's data type changes.
 *
 * <p>Stored forms: strings for text-like types, JSON numbers for integer and number, JSON booleans,
 * {@code 2026-12-31} for dates, and fixed-width UTC {@code 2026-12-31T17:00:00.000000Z} for
 * date-times, so that their text sorts in time order (the range index compares text).
 */
@Component
class CustomValues {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final long MAX_INTEGER = 999_999_999_999_999_999L;
  private static final DateTimeFormatter STORED_DATETIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
  private static final Pattern PHONE =
      Pattern.compile("\\+?[0-9 ()./-]*[0-9][0-9 ()./-]*(\\s*(x|ext\\.?)\\s*[0-9]{1,6})?");

  private final Validator validator;

  CustomValues(Validator validator) {
    this.validator = validator;
  }

  private record EmailValue(@Email String value) {}

  private record UrlValue(@URL(regexp = "^(?i)https?:.*") String value) {}

  /** Validates a client's value for the field and returns its stored form. */
  JsonNode stored(FieldRef field, JsonNode value) throws TypeMismatch {
    DataType type = field.dataType();
    return switch (type) {
      case TEXT, TEXTAREA, EMAIL, URL, PHONE -> NODES.stringNode(text(field, value));
      case INTEGER -> NODES.numberNode(JsonValues.integer(value, -MAX_INTEGER, MAX_INTEGER));
      case NUMBER -> NODES.numberNode(JsonValues.decimal(value));
      case BOOLEAN -> NODES.booleanNode(JsonValues.bool(value));
      case DATE -> NODES.stringNode(JsonValues.date(value).toString());
      case DATETIME -> NODES.stringNode(STORED_DATETIME.format(JsonValues.instant(value)));
    };
  }

  private String text(FieldRef field, JsonNode value) throws TypeMismatch {
    String text = JsonValues.string(value);
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
  JsonNode readable(FieldRef field, JsonNode stored) {
    if (field.dataType() == DataType.DATETIME && stored.isString()) {
      return NODES.stringNode(Instant.parse(stored.stringValue()).toString());
    }
    return stored;
  }

  /**
   * A stored value of {@code before}'s type, converted to {@code after}'s: the value as a client
   * would write it in the new type, validated like any client value.
   */
  JsonNode convert(FieldRef before, FieldRef after, JsonNode stored) throws TypeMismatch {
    JsonNode value = readable(before, stored);
    JsonNode candidate =
        switch (after.dataType()) {
          case TEXT, TEXTAREA, EMAIL, URL, PHONE ->
              value.isString() ? value : NODES.stringNode(value.asString());
          case INTEGER, NUMBER -> value.isString() ? number(value.stringValue()) : value;
          case BOOLEAN ->
              value.isString()
                      && (value.stringValue().equals("true") || value.stringValue().equals("false"))
                  ? NODES.booleanNode(Boolean.parseBoolean(value.stringValue()))
                  : value;
          case DATE -> value.isString() ? dateOf(value.stringValue()) : value;
          case DATETIME -> value;
        };
    return stored(after, candidate);
  }

  private static JsonNode number(String text) {
    try {
      BigDecimal number = new BigDecimal(text.trim());
      return number.scale() <= 0
          ? NODES.numberNode(number.toBigIntegerExact())
          : NODES.numberNode(number);
    } catch (NumberFormatException | ArithmeticException e) {
      return NODES.stringNode(text);
    }
  }

  /** A date-time at midnight UTC is that date; anything else stays as it is (and fails). */
  private static JsonNode dateOf(String text) {
    try {
      Instant instant = JsonValues.instant(text);
      LocalDate date = LocalDate.ofInstant(instant, ZoneOffset.UTC);
      if (date.atStartOfDay(ZoneOffset.UTC).toInstant().equals(instant)) {
        return NODES.stringNode(date.toString());
      }
    } catch (TypeMismatch e) {
      // not a date-time either
    }
    return NODES.stringNode(text);
  }

  /**
   * The stored form of a filter value given as query text: the same types as a written value, but
   * no length or format rules (a value that cannot be stored simply matches nothing).
   */
  JsonNode filter(FieldRef field, String text) throws TypeMismatch {
    JsonNode value =
        switch (field.dataType()) {
          case TEXT, TEXTAREA, EMAIL, URL, PHONE -> NODES.stringNode(text);
          case INTEGER, NUMBER -> number(text);
          case BOOLEAN ->
              text.equals("true") || text.equals("false")
                  ? NODES.booleanNode(Boolean.parseBoolean(text))
                  : NODES.stringNode(text);
          case DATE, DATETIME -> NODES.stringNode(text.replace(' ', '+'));
        };
    if (field.dataType().textual()) {
      JsonValues.string(value);
      return value;
    }
    return stored(field, value);
  }
}
