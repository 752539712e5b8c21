package com.leadgencrm.opportunities.core;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.MergedAnnotations;

/**
 * What reflection tells of a record type, read once per type: its components (name, type, the
 * integer range their {@code @Min} and {@code @Max} set, whether {@code @NotNull} requires them,
 * directly or through a composed constraint such as {@link Name}) and its canonical constructor.
 * Input records, query-parameter records and the wire protocol's property types all read records
 * through this one place.
 */
public final class RecordShape<T extends Record> {

  /** One component of the record. */
  public record Component(
      int index,
      String name,
      Class<?> type,
      Type genericType,
      long min,
      long max,
      boolean required) {}

  private static final ClassValue<RecordShape<?>> SHAPES =
      new ClassValue<>() {
        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        protected RecordShape<?> computeValue(Class<?> type) {
          return new RecordShape(type);
        }
      };

  private final Class<T> type;
  private final List<Component> components;
  private final Map<String, Component> byName;
  private final RecordComponent[] reflected;
  private final Constructor<T> constructor;

  private RecordShape(Class<T> type) {
    if (!type.isRecord()) {
      throw new IllegalArgumentException(type + " is not a record");
    }
    this.type = type;
    this.reflected = type.getRecordComponents();
    Map<String, Component> named = new LinkedHashMap<>();
    Class<?>[] types = new Class<?>[reflected.length];
    for (int i = 0; i < reflected.length; i++) {
      RecordComponent component = reflected[i];
      component.getAccessor().setAccessible(true);
      types[i] = component.getType();
      boolean isLong = component.getType() == Long.class || component.getType() == long.class;
      Min min = component.getAccessor().getAnnotation(Min.class);
      Max max = component.getAccessor().getAnnotation(Max.class);
      named.put(
          component.getName(),
          new Component(
              i,
              component.getName(),
              component.getType(),
              component.getGenericType(),
              min != null ? min.value() : isLong ? Long.MIN_VALUE : Integer.MIN_VALUE,
              max != null ? max.value() : isLong ? Long.MAX_VALUE : Integer.MAX_VALUE,
              MergedAnnotations.from(component.getAccessor()).isPresent(NotNull.class)));
    }
    this.byName = Map.copyOf(named);
    this.components = List.copyOf(named.values());
    try {
      this.constructor = type.getDeclaredConstructor(types);
      this.constructor.setAccessible(true);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("No canonical constructor of " + type, e);
    }
  }

  @SuppressWarnings("unchecked")
  public static <T extends Record> RecordShape<T> of(Class<T> type) {
    return (RecordShape<T>) SHAPES.get(type);
  }

  public Class<T> type() {
    return type;
  }

  /** The components in declaration order. */
  public List<Component> components() {
    return components;
  }

  public Set<String> names() {
    return byName.keySet();
  }

  public @Nullable Component component(String name) {
    return byName.get(name);
  }

  /** A new record of these component values, in declaration order. */
  public T newInstance(@Nullable Object[] values) {
    try {
      return constructor.newInstance(values);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot construct " + type, e);
    }
  }

  /** The value of one component of a record. */
  public @Nullable Object value(T record, Component component) {
    try {
      return reflected[component.index()].getAccessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot read " + reflected[component.index()], e);
    }
  }

  /** The component values of a record, in declaration order. */
  public @Nullable Object[] values(T record) {
    Object[] values = new Object[reflected.length];
    for (int i = 0; i < reflected.length; i++) {
      try {
        values[i] = reflected[i].getAccessor().invoke(record);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("Cannot read " + reflected[i], e);
      }
    }
    return values;
  }
}
