package com.leadgencrm.opportunities.pubapi;

import com.leadgencrm.opportunities.core.RecordShape;
import com.leadgencrm.opportunities.field.DataType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The type each property has in the REST API, read from the input records: the wire protocol's
 * lenient values are converted to it, and the services' validation does the rest.
 */
enum WireProperties {
  INTEGER,
  DECIMAL,
  BOOLEAN,
  TEXT,
  DATE,
  DATETIME;

  static Map<String, WireProperties> of(Class<? extends Record> input) {
    Map<String, WireProperties> types = new HashMap<>();
    types.put("id", INTEGER);
    for (RecordShape.Component component : RecordShape.of(input).components()) {
      Class<?> type = component.type();
      types.put(
          component.name(),
          type == Long.class || type == Integer.class
              ? INTEGER
              : type == BigDecimal.class
                  ? DECIMAL
                  : type == Boolean.class ? BOOLEAN : type == Instant.class ? DATETIME : TEXT);
    }
    return Map.copyOf(types);
  }

  static WireProperties of(DataType type) {
    return switch (type) {
      case INTEGER -> INTEGER;
      case NUMBER -> DECIMAL;
      case BOOLEAN -> BOOLEAN;
      case DATE -> DATE;
      case DATETIME -> DATETIME;
      default -> TEXT;
    };
  }
}
