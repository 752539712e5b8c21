package com.leadgencrm.opportunities.pubapi;

import com.leadgencrm.opportunities.core.Values;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The wire protocol's values. In: strings, numbers and booleans, whichever a client sends ({@code
 * "1"}, {@code 1}, {@code true}), and {@code YYYY-MM-DD HH:MM:SS} date-times in the version's time
 * zone, become the JSON types of the REST API. Out: every value is a string (booleans {@code
 * "0"}/{@code "1"}, date-times {@code YYYY-MM-DD HH:MM:SS}); unset values are null.
 */
final class WireValues {

  /** The date-times every resource carries. */
  static final Set<String> TIMESTAMPS = Set.of("createTimestamp", "updateTimestamp");

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final DateTimeFormatter WIRE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final ZoneId zone;
  private final boolean utc;

  WireValues(ZoneId zone) {
    this.zone = zone;
    this.utc = zone.normalized().equals(ZoneOffset.UTC);
  }

  /** A client's object, with each known property converted to its REST type (others untouched). */
  JsonNode in(JsonNode object, Map<String, WireProperties> types) {
    if (!object.isObject()) {
      return object;
    }
    ObjectNode converted = NODES.objectNode();
    for (var member : object.properties()) {
      WireProperties type = types.get(member.getKey());
      converted.set(
          member.getKey(), type == null ? member.getValue() : in(member.getValue(), type));
    }
    return converted;
  }

  /**
   * A value converted to the REST type of its property where a client's lenient spelling says what
   * it means; anything else is returned as it is, for the services' validation to refuse. Numbers
   * are only converted within {@link Values#bounded}: no value can make a conversion expensive.
   */
  JsonNode in(JsonNode value, WireProperties type) {
    if (value.isNull() || (value.isNumber() && !Values.isBounded(value.decimalValue()))) {
      return value;
    }
    String text = value.isString() ? value.stringValue().trim() : null;
    if (text != null && text.isEmpty() && type != WireProperties.TEXT) {
      return NODES.nullNode();
    }
    switch (type) {
      case INTEGER:
        if (text != null && text.matches("-?\\d{1,30}")) {
          return NODES.numberNode(new java.math.BigInteger(text));
        }
        if (value.isNumber()
            && !value.isIntegralNumber()
            && value.decimalValue().stripTrailingZeros().scale() <= 0) {
          return NODES.numberNode(value.decimalValue().toBigInteger());
        }
        return value;
      case DECIMAL:
        if (text != null) {
          try {
            return NODES.numberNode(Values.parseDecimal(text));
          } catch (Values.TypeMismatch e) {
            return value;
          }
        }
        return value;
      case BOOLEAN:
        if (value.isNumber()
            && value.canConvertToInt()
            && (value.intValue() == 0 || value.intValue() == 1)) {
          return NODES.booleanNode(value.intValue() == 1);
        }
        if (text != null) {
          switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "1", "true":
              return NODES.booleanNode(true);
            case "0", "false":
              return NODES.booleanNode(false);
            default:
              return value;
          }
        }
        return value;
      case TEXT:
        return value.isNumber()
            ? NODES.stringNode(value.decimalValue().toPlainString())
            : value.isBoolean() ? NODES.stringNode(value.booleanValue() ? "1" : "0") : value;
      case DATE:
        if (text != null && text.length() == 19 && text.endsWith(" 00:00:00")) {
          return NODES.stringNode(text.substring(0, 10));
        }
        return value;
      case DATETIME:
        if (text != null) {
          Instant instant = instant(text);
          return instant == null ? value : NODES.stringNode(instant.toString());
        }
        return value;
      default:
        return value;
    }
  }

  /**
   * A value node as the text of a {@code where} equality: numbers in plain notation (within {@link
   * Values#bounded}, else refused), booleans {@code true}/{@code false}, strings as they are.
   */
  static String text(JsonNode value) throws Values.TypeMismatch {
    if (value.isNumber()) {
      return Values.bounded(value.decimalValue()).toPlainString();
    }
    return value.isBoolean() ? Boolean.toString(value.booleanValue()) : value.asString();
  }

  /**
   * {@code YYYY-MM-DD HH:MM:SS} in the version's zone, {@code YYYY-MM-DD} (00:00 in that zone), or
   * ISO-8601 with offset; null for anything else.
   */
  @Nullable Instant instant(String text) {
    try {
      if (text.length() == 19 && text.charAt(10) == ' ') {
        return LocalDateTime.parse(text, WIRE).atZone(zone).toInstant();
      }
      if (text.length() == 10) {
        return LocalDate.parse(text).atStartOfDay(zone).toInstant();
      }
      return java.time.OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * A REST representation as a wire row: every value a string, date-times in the version's zone.
   */
  Map<String, @Nullable Object> out(JsonNode representation, Set<String> dateTimes) {
    Map<String, @Nullable Object> row = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = representation.properties().iterator();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> member = it.next();
      row.put(member.getKey(), out(member.getValue(), dateTimes.contains(member.getKey())));
    }
    return row;
  }

  /** An ISO-8601 instant as the REST API writes it, with a four-digit year. */
  private static boolean isUtcInstant(String text) {
    return text.length() >= 20
        && text.charAt(4) == '-'
        && text.charAt(10) == 'T'
        && text.charAt(13) == ':'
        && text.charAt(16) == ':'
        && (text.charAt(19) == 'Z' || text.charAt(19) == '.')
        && text.charAt(text.length() - 1) == 'Z';
  }

  private @Nullable String out(JsonNode value, boolean dateTime) {
    if (value.isNull() || value.isMissingNode()) {
      return null;
    }
    if (value.isBoolean()) {
      return value.booleanValue() ? "1" : "0";
    }
    if (value.isNumber()) {
      return value.decimalValue().toPlainString();
    }
    if (dateTime && value.isString()) {
      String text = value.stringValue();
      if (utc && isUtcInstant(text)) {
        // 2026-03-01T09:30:00[.123456]Z: the wire form is its first 19 characters, T made a space
        return text.substring(0, 10) + ' ' + text.substring(11, 19);
      }
      try {
        return WIRE.format(Instant.parse(text).atZone(zone));
      } catch (DateTimeParseException e) {
        return value.stringValue();
      }
    }
    return value.isString() ? value.stringValue() : value.toString();
  }
}
