package com.leadgencrm.opportunities.json;

import com.leadgencrm.opportunities.core.InvalidField;
import com.leadgencrm.opportunities.core.RecordShape;
import com.leadgencrm.opportunities.core.Submitted;
import com.leadgencrm.opportunities.core.Values;
import com.leadgencrm.opportunities.core.Values.TypeMismatch;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a JSON object into the command the services take ({@link Submitted}), strictly: each
 * property of the input record must have its JSON type (a string is never a number), read-only
 * properties are refused, and properties the record does not declare are passed on as plain values
 * for the service to judge (custom fields). Every problem is collected, none thrown: the service
 * reports them with its own, all at once.
 *
 * <p>Jackson's data binding stops at the first type error, so each property is converted on its own
 * here.
 */
public final class JsonInput {

  /** Properties every resource carries and no client may set. */
  public static final Set<String> READ_ONLY = Set.of("id", "createTimestamp", "updateTimestamp");

  private JsonInput() {}

  /** A document that gives a whole resource (create, replace). */
  public static <T extends Record> Submitted<T> read(@Nullable JsonNode body, Class<T> type) {
    if (body == null || !body.isObject()) {
      return Submitted.notAnObject(type, "the request body must be a JSON object");
    }
    return bind(body, type);
  }

  /** A JSON Merge Patch (RFC 7396): null clears a property. */
  public static <T extends Record> Submitted<T> patch(@Nullable JsonNode body, Class<T> type) {
    if (body == null || !body.isObject()) {
      return Submitted.notAnObject(
          type, "the request body must be a JSON object (a JSON Merge Patch)");
    }
    return bind(body, type);
  }

  private static <T extends Record> Submitted<T> bind(JsonNode body, Class<T> type) {
    RecordShape<T> shape = RecordShape.of(type);
    Map<String, @Nullable Object> given = new LinkedHashMap<>();
    Map<String, @Nullable Object> extra = new LinkedHashMap<>();
    List<InvalidField> errors = new ArrayList<>();
    for (var member : body.properties()) {
      String name = member.getKey();
      JsonNode value = member.getValue();
      RecordShape.Component component = shape.component(name);
      if (!Values.isValidText(name)) {
        errors.add(new InvalidField("", "property names must be valid Unicode text"));
      } else if (component != null) {
        try {
          given.put(name, value.isNull() ? null : convert(plain(value), component));
        } catch (TypeMismatch e) {
          errors.add(new InvalidField(name, e.getMessage()));
        }
      } else if (READ_ONLY.contains(name)) {
        errors.add(new InvalidField(name, "is read-only"));
      } else {
        extra.put(name, plain(value));
      }
    }
    return new Submitted<>(type, given, extra, errors);
  }

  /** The id an object names: an integer of 1 or more, else null. */
  public static @Nullable Long id(JsonNode object) {
    JsonNode id = object.isObject() ? object.get("id") : null;
    return id != null && id.isIntegralNumber() && id.canConvertToLong() && id.longValue() >= 1
        ? id.longValue()
        : null;
  }

  /** The object without its {@code id} (which names what a patch changes); anything else as is. */
  public static JsonNode withoutId(JsonNode object) {
    if (!object.isObject()) {
      return object;
    }
    ObjectNode copy = ((ObjectNode) object).deepCopy();
    copy.remove("id");
    return copy;
  }

  /** A plain value of its component's type. */
  public static Object convert(@Nullable Object plain, RecordShape.Component component)
      throws TypeMismatch {
    Class<?> type = component.type();
    if (type == String.class) {
      return Values.string(plain);
    }
    if (type == Boolean.class) {
      return Values.bool(plain);
    }
    if (type == Long.class) {
      return Values.integer(plain, component.min(), component.max());
    }
    if (type == Integer.class) {
      return Math.toIntExact(Values.integer(plain, component.min(), component.max()));
    }
    if (type == BigDecimal.class) {
      return Values.decimal(plain);
    }
    if (type == Instant.class) {
      return Values.instant(plain);
    }
    if (type == List.class) {
      return Values.strings(plain);
    }
    throw new IllegalStateException("No conversion to " + type);
  }

  /**
   * A JSON value as the plain value it is (see {@link Values}): a string, a boolean, an integer
   * ({@code Long}, or {@code BigInteger} beyond 64 bits), any other number as a {@code BigDecimal},
   * null, a list for an array; an object is {@link Values#STRUCTURED}.
   */
  public static @Nullable Object plain(@Nullable JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return null;
    }
    if (value.isString()) {
      return value.stringValue();
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isIntegralNumber()) {
      return value.canConvertToLong() ? (Object) value.longValue() : value.bigIntegerValue();
    }
    if (value.isNumber()) {
      return value.decimalValue();
    }
    if (value.isArray()) {
      List<@Nullable Object> elements = new ArrayList<>(value.size());
      value.forEach(element -> elements.add(plain(element)));
      return elements;
    }
    return Values.STRUCTURED;
  }
}
