package com.leadgencrm.opportunities.json;

import com.leadgencrm.opportunities.core.CrossFieldRules;
import com.leadgencrm.opportunities.core.InvalidField;
import com.leadgencrm.opportunities.core.InvalidRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Reads a JSON object into an input record and validates it, reporting every invalid property at
 * once: wrong JSON types, read-only and unknown properties, and the record's Bean Validation
 * constraints. Absent and {@code null} properties both read as {@code null}.
 *
 * <p>Jackson's data binding stops at the first type error, so each property is converted on its own
 * here, and Bean Validation then checks the assembled record.
 */
@Component
public class JsonInput {

  /** Properties every resource carries and no client may set. */
  public static final Set<String> READ_ONLY = Set.of("id", "createTimestamp", "updateTimestamp");

  /** Properties beyond the record's components, such as custom fields. */
  @FunctionalInterface
  public interface ExtraProperties {

    ExtraProperties NONE = (name, value, errors) -> false;

    /** Takes (validates and keeps) a property the record does not have; false if it is unknown. */
    boolean accept(String name, JsonNode value, List<InvalidField> errors);
  }

  private final Validator validator;

  public JsonInput(Validator validator) {
    this.validator = validator;
  }

  public <T extends Record> T read(@Nullable JsonNode body, Class<T> type) {
    return read(body, type, ExtraProperties.NONE, List.of());
  }

  /**
   * @param extra takes properties the record does not declare
   * @param moreErrors errors found by the caller beforehand, reported together with these
   */
  public <T extends Record> T read(
      @Nullable JsonNode body,
      Class<T> type,
      ExtraProperties extra,
      List<InvalidField> moreErrors) {
    if (body == null || !body.isObject()) {
      throw new InvalidRequest("", "the request body must be a JSON object");
    }
    Shape shape = SHAPES.get(type);
    RecordComponent[] components = shape.components();
    Set<String> declared = shape.names();
    List<InvalidField> errors = new ArrayList<>(moreErrors);
    for (var member : body.properties()) {
      String name = member.getKey();
      if (!JsonValues.isValidText(name)) {
        errors.add(new InvalidField("", "property names must be valid Unicode text"));
        continue;
      }
      if (declared.contains(name)) {
        continue;
      }
      if (READ_ONLY.contains(name)) {
        errors.add(new InvalidField(name, "is read-only"));
      } else if (!extra.accept(name, member.getValue(), errors)) {
        errors.add(new InvalidField(name, "is not a property of this resource"));
      }
    }
    Object[] values = new Object[components.length];
    Set<String> mistyped = new HashSet<>();
    for (int i = 0; i < components.length; i++) {
      RecordComponent component = components[i];
      JsonNode node = body.get(component.getName());
      if (node == null || node.isNull()) {
        continue;
      }
      try {
        values[i] = convert(node, component);
      } catch (JsonValues.TypeMismatch e) {
        errors.add(new InvalidField(component.getName(), e.getMessage()));
        mistyped.add(component.getName());
      }
    }
    T input = construct(type, components, values);
    for (ConstraintViolation<T> violation : validator.validate(input)) {
      String field = violation.getPropertyPath().toString();
      if (!mistyped.contains(field)) {
        errors.add(new InvalidField(field, violation.getMessage()));
      }
    }
    if (input instanceof CrossFieldRules rules) {
      for (InvalidField error : rules.crossFieldErrors()) {
        if (!mistyped.contains(error.field())) {
          errors.add(error);
        }
      }
    }
    if (!errors.isEmpty()) {
      errors.sort(Comparator.comparing(InvalidField::field).thenComparing(InvalidField::message));
      throw new InvalidRequest(errors);
    }
    return input;
  }

  /**
   * Applies a JSON Merge Patch to the current writable properties and reads the result. Besides
   * what {@link #read} reports, a patch that sets an unknown or read-only property to {@code null}
   * is rejected: the RFC would ignore it, but it is a client's mistake worth naming.
   */
  public <T extends Record> T readPatched(
      JsonNode current,
      @Nullable JsonNode patch,
      Class<T> type,
      ExtraProperties extra,
      List<InvalidField> moreErrors) {
    if (patch == null || !patch.isObject()) {
      throw new InvalidRequest("", "the request body must be a JSON object (a JSON Merge Patch)");
    }
    Set<String> declared = SHAPES.get(type).names();
    List<InvalidField> errors = new ArrayList<>(moreErrors);
    for (var member : patch.properties()) {
      String name = member.getKey();
      if (!JsonValues.isValidText(name)) {
        errors.add(new InvalidField("", "property names must be valid Unicode text"));
        continue;
      }
      if (!member.getValue().isNull() || declared.contains(name)) {
        continue;
      }
      if (READ_ONLY.contains(name)) {
        errors.add(new InvalidField(name, "is read-only"));
      } else if (!extra.accept(name, member.getValue(), errors)) {
        errors.add(new InvalidField(name, "is not a property of this resource"));
      }
    }
    return read(MergePatch.apply(current, patch), type, extra, errors);
  }

  public <T extends Record> T readPatched(
      JsonNode current, @Nullable JsonNode patch, Class<T> type) {
    return readPatched(current, patch, type, ExtraProperties.NONE, List.of());
  }

  private static Object convert(JsonNode node, RecordComponent component)
      throws JsonValues.TypeMismatch {
    Class<?> type = component.getType();
    if (type == String.class) {
      return JsonValues.string(node);
    }
    if (type == Boolean.class) {
      return JsonValues.bool(node);
    }
    if (type == Long.class || type == Integer.class) {
      long[] range = SHAPES.get(component.getDeclaringRecord()).ranges().get(component.getName());
      long value = JsonValues.integer(node, range[0], range[1]);
      return type == Long.class ? value : (Object) Math.toIntExact(value);
    }
    if (type == BigDecimal.class) {
      return JsonValues.decimal(node);
    }
    if (type == Instant.class) {
      return JsonValues.instant(node);
    }
    throw new IllegalStateException("No JSON conversion to " + type);
  }

  /**
   * What reflection tells of an input record, read once per record type: its components, their
   * names, the integer ranges their @Min and @Max set, and its canonical constructor.
   */
  private record Shape(
      RecordComponent[] components,
      Set<String> names,
      java.util.Map<String, long[]> ranges,
      Constructor<?> constructor) {}

  private static final ClassValue<Shape> SHAPES =
      new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
          RecordComponent[] components = type.getRecordComponents();
          Set<String> names = new HashSet<>();
          java.util.Map<String, long[]> ranges = new java.util.HashMap<>();
          Class<?>[] parameterTypes = new Class<?>[components.length];
          for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            names.add(component.getName());
            parameterTypes[i] = component.getType();
            boolean isLong = component.getType() == Long.class;
            Min min = component.getAccessor().getAnnotation(Min.class);
            Max max = component.getAccessor().getAnnotation(Max.class);
            ranges.put(
                component.getName(),
                new long[] {
                  min != null ? min.value() : isLong ? Long.MIN_VALUE : Integer.MIN_VALUE,
                  max != null ? max.value() : isLong ? Long.MAX_VALUE : Integer.MAX_VALUE
                });
          }
          try {
            Constructor<?> constructor = type.getDeclaredConstructor(parameterTypes);
            constructor.setAccessible(true);
            return new Shape(
                components, Set.copyOf(names), java.util.Map.copyOf(ranges), constructor);
          } catch (NoSuchMethodException e) {
            throw new IllegalStateException("No canonical constructor of " + type, e);
          }
        }
      };

  private static <T extends Record> T construct(
      Class<T> type, RecordComponent[] components, Object[] values) {
    try {
      return type.cast(SHAPES.get(type).constructor().newInstance(values));
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot construct " + type, e);
    }
  }
}
