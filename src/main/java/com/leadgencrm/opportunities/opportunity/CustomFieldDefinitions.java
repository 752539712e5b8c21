package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.field.DataType;
import com.leadgencrm.opportunities.field.FieldRef;
import com.leadgencrm.opportunities.query.PageBytes;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;

/**
 * The custom opportunity fields as one request sees them. Active fields are properties of every
 * opportunity; inactive ones are neither accepted nor returned, though their values are kept.
 * Computed once per request, looked up for every row.
 */
final class CustomFieldDefinitions {

  private final Map<String, FieldRef> active = new LinkedHashMap<>();
  private final Set<String> inactive = new HashSet<>();
  private final long epoch;
  private final List<FieldRef> source;
  private final CustomFieldValues.Fields activeFields;

  CustomFieldDefinitions(List<FieldRef> fields) {
    this.source = fields;
    CRC32 crc = new CRC32();
    for (FieldRef field : fields) {
      if (field.isActive()) {
        active.put(field.systemName(), field);
        crc.update(
            (field.id() + ":" + field.systemName() + ":" + field.dataType() + ";")
                .getBytes(StandardCharsets.UTF_8));
      } else {
        inactive.add(field.systemName());
      }
    }
    this.epoch = crc.getValue();
    this.activeFields = new CustomFieldValues.Fields(active.values());
  }

  /** The definitions this was built from. */
  List<FieldRef> source() {
    return source;
  }

  /**
   * The most bytes an opportunity's custom values can take as JSON text: every field's, inactive
   * ones included (their values are kept in the same column). A text value is at most dataLength
   * characters, each at most 6 bytes escaped (a control character); any other value fits in 48.
   */
  long mostBytesPerOpportunity() {
    long bytes = 2;
    for (FieldRef field : source) {
      bytes +=
          field.systemName().length()
              + 4L
              + (field.dataType().textual() ? 6L * field.dataLength() + 2 : 48);
    }
    return bytes;
  }

  /**
   * Whether a page of {@code rows} opportunities could pass {@link PageBytes#LIMIT} of custom
   * values: only then is it bounded in bytes, which costs its statement a window over the rows (a
   * page of 100 of the bench's data set: 1.0 ms in PostgreSQL instead of 0.5).
   */
  boolean mayPassPageBytes(int rows) {
    return mostBytesPerOpportunity() * rows > PageBytes.LIMIT;
  }

  /** Data types that filter by range, with an index per field. */
  static boolean ranged(DataType type) {
    return type == DataType.INTEGER
        || type == DataType.NUMBER
        || type == DataType.DATE
        || type == DataType.DATETIME;
  }

  /** Active fields by systemName, in id order. */
  Map<String, FieldRef> active() {
    return Collections.unmodifiableMap(active);
  }

  /** Active fields in id order, as the custom values of rows read with them hold them. */
  CustomFieldValues.Fields activeFields() {
    return activeFields;
  }

  @Nullable FieldRef active(String systemName) {
    return active.get(systemName);
  }

  boolean inactive(String systemName) {
    return inactive.contains(systemName);
  }

  /** Changes whenever the shape of an opportunity's representation does: part of its entity tag. */
  long epoch() {
    return epoch;
  }
}
