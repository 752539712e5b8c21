package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.field.DataType;
import com.leadgencrm.opportunities.field.FieldRef;
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
  }

  /** The definitions this was built from. */
  List<FieldRef> source() {
    return source;
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
