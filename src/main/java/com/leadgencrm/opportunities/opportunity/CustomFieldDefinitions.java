package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.field.DataType;
import com.leadgencrm.opportunities.field.FieldRef;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;

/**
 * The custom opportunity fields as one request sees them. Active fields are properties of every
 * opportunity; inactive ones are neither accepted nor returned, though their values are kept.
 */
record CustomFieldDefinitions(List<FieldRef> fields) {

  /** Data types that filter by range, with an index per field. */
  static boolean ranged(DataType type) {
    return type == DataType.INTEGER
        || type == DataType.NUMBER
        || type == DataType.DATE
        || type == DataType.DATETIME;
  }

  /** Active fields by systemName, in id order. */
  Map<String, FieldRef> active() {
    Map<String, FieldRef> active = new LinkedHashMap<>();
    fields.stream().filter(FieldRef::isActive).forEach(f -> active.put(f.systemName(), f));
    return active;
  }

  @Nullable FieldRef active(String systemName) {
    return fields.stream()
        .filter(f -> f.isActive() && f.systemName().equals(systemName))
        .findFirst()
        .orElse(null);
  }

  boolean inactive(String systemName) {
    return fields.stream().anyMatch(f -> !f.isActive() && f.systemName().equals(systemName));
  }

  /** Changes whenever the shape of an opportunity's representation does: part of its entity tag. */
  long epoch() {
    CRC32 crc = new CRC32();
    for (FieldRef field : fields) {
      if (field.isActive()) {
        crc.update(
            (field.id() + ":" + field.systemName() + ":" + field.dataType() + ";")
                .getBytes(StandardCharsets.UTF_8));
      }
    }
    return crc.getValue();
  }
}
