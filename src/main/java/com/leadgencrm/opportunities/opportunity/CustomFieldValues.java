package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.field.FieldRef;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;

/**
 * An opportunity's custom values as clients read them: every active custom field by systemName, in
 * field order, with its value or null. An unmodifiable map over the values of one row and the
 * fields of the catalog version it was read with, shared by every row: a list of 100 built a linked
 * hash map of 20 entries per row, then looked each name up again to write it (BENCHMARKS.md,
 * twenty-first round). {@link CustomProperties} writes it with the names encoded once.
 */
final class CustomFieldValues extends AbstractMap<String, @Nullable Object> {

  /** The active custom fields of one catalog version, in order, with their names as JSON. */
  static final class Fields {

    private final FieldRef[] fields;
    private final SerializableString[] names;

    Fields(Collection<FieldRef> active) {
      fields = active.toArray(FieldRef[]::new);
      names = new SerializableString[fields.length];
      for (int i = 0; i < fields.length; i++) {
        names[i] = new SerializedString(fields[i].systemName());
      }
    }

    int size() {
      return fields.length;
    }

    FieldRef field(int index) {
      return fields[index];
    }
  }

  private final Fields fields;
  private final @Nullable Object[] values;

  /** The values of {@code fields}, index for index. */
  CustomFieldValues(Fields fields, @Nullable Object[] values) {
    if (values.length != fields.size()) {
      throw new IllegalArgumentException(
          values.length + " values for " + fields.size() + " custom fields");
    }
    this.fields = fields;
    this.values = values;
  }

  /** The systemName of the field at {@code index}, encoded as JSON writes a property's name. */
  SerializableString name(int index) {
    return fields.names[index];
  }

  @Nullable Object value(int index) {
    return values[index];
  }

  @Override
  public int size() {
    return values.length;
  }

  @Override
  public @Nullable Object get(@Nullable Object key) {
    int index = indexOf(key);
    return index < 0 ? null : values[index];
  }

  @Override
  public boolean containsKey(@Nullable Object key) {
    return indexOf(key) >= 0;
  }

  private int indexOf(@Nullable Object key) {
    for (int i = 0; i < values.length; i++) {
      if (fields.fields[i].systemName().equals(key)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public Set<Entry<String, @Nullable Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return values.length;
      }

      @Override
      public Iterator<Entry<String, @Nullable Object>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < values.length;
          }

          @Override
          public Entry<String, @Nullable Object> next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            int index = next++;
            return new SimpleImmutableEntry<>(fields.fields[index].systemName(), values[index]);
          }
        };
      }
    };
  }
}
