package com.leadgencrm.opportunities.query;

import com.leadgencrm.opportunities.core.Values;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A column a wire-protocol {@code where} can name, and how to read its text ({@link
 * ListQuery#equalities}).
 */
public record Column(String sql, ColumnType type) {

  /**
   * The columns a wire-protocol {@code where} can name, from {@code property:column:TYPE} entries
   * ({@code "ownerID:owner_id:LONG"}).
   */
  public static Map<String, Column> columns(String... entries) {
    Map<String, Column> columns = new LinkedHashMap<>();
    for (String entry : entries) {
      String[] parts = entry.split(":");
      columns.put(parts[0], new Column(parts[1], ColumnType.valueOf(parts[2])));
    }
    return Collections.unmodifiableMap(columns);
  }

  Object read(String text) throws Values.TypeMismatch {
    return switch (type) {
      case LONG -> Long.parseLong(text.trim());
      case DECIMAL -> Values.parseDecimal(text);
      case TEXT -> text;
      case BOOLEAN ->
          switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw new IllegalArgumentException(text);
          };
      case INSTANT -> {
        try {
          yield OffsetDateTime.ofInstant(Values.instant(text.trim()), ZoneOffset.UTC);
        } catch (Values.TypeMismatch e) {
          // told in the wire protocol's words (ColumnType.INSTANT), not in REST's
          throw new IllegalArgumentException(text, e);
        }
      }
    };
  }
}
