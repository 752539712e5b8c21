package com.leadgencrm.opportunities.core;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A write as a client submitted it, whatever the protocol: the command the services take.
 *
 * <p>{@code given} holds the properties of the input record {@code T} that the client gave, each
 * already of its component's Java type ({@code null} when given as null, which clears it in a merge
 * patch); {@code extra} holds the properties {@code T} does not declare (custom fields, or
 * mistakes), as plain {@link Values}; {@code errors} holds what could not be read at all (a string
 * where a number belongs, a read-only property), so that a service reports those together with what
 * it finds itself, every invalid property at once.
 *
 * <p>Built by the REST adapter from strict JSON and by the wire adapter from the wire protocol's
 * lenient values; a service never sees either protocol.
 */
public record Submitted<T extends Record>(
    Class<T> type,
    Map<String, @Nullable Object> given,
    Map<String, @Nullable Object> extra,
    List<InvalidField> errors,
    boolean isObject) {

  public Submitted {
    given = Collections.unmodifiableMap(new LinkedHashMap<>(given));
    extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    errors = List.copyOf(errors);
  }

  public Submitted(
      Class<T> type,
      Map<String, @Nullable Object> given,
      Map<String, @Nullable Object> extra,
      List<InvalidField> errors) {
    this(type, given, extra, errors, true);
  }

  /** A submission that is not an object of properties at all: refused with this error alone. */
  public static <T extends Record> Submitted<T> notAnObject(Class<T> type, String message) {
    return new Submitted<>(type, Map.of(), Map.of(), List.of(new InvalidField("", message)), false);
  }

  /** Refuses a submission that is not an object of properties, before any rule is checked. */
  public Submitted<T> requireObject() {
    if (!isObject) {
      throw new InvalidInput(errors);
    }
    return this;
  }

  /** The given values of {@code T}'s components, as a record; components not given are null. */
  public T record() {
    RecordShape<T> shape = RecordShape.of(type);
    Object[] values = new Object[shape.components().size()];
    given.forEach((name, value) -> values[shape.component(name).index()] = value);
    return shape.newInstance(values);
  }

  /**
   * This submission as a JSON Merge Patch (RFC 7396) of {@code current}: given components replace
   * (or, given as null, clear) the current values, the others stay; a component that could not be
   * read is null.
   */
  public T onto(T current) {
    RecordShape<T> shape = RecordShape.of(type);
    Object[] values = shape.values(current);
    given.forEach((name, value) -> values[shape.component(name).index()] = value);
    for (String name : unreadable()) {
      RecordShape.Component component = shape.component(name);
      if (component != null) {
        values[component.index()] = null;
      }
    }
    return shape.newInstance(values);
  }

  /** Whether the client gave this property a value other than null. */
  public boolean says(String property) {
    return given.get(property) != null || extra.get(property) != null;
  }

  /** Whether the client named this property, with a value or null. */
  public boolean names(String property) {
    return given.containsKey(property) || extra.containsKey(property);
  }

  public @Nullable Object value(String property) {
    return given.containsKey(property) ? given.get(property) : extra.get(property);
  }

  /** The properties that could not be read: rules about their values do not apply to them. */
  public Set<String> unreadable() {
    Set<String> fields = new HashSet<>();
    errors.forEach(error -> fields.add(error.field()));
    return fields;
  }
}
