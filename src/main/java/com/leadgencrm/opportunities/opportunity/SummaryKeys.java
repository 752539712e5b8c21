package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.InvalidInput;
import com.leadgencrm.opportunities.field.FieldRef;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a summary can group by (SPEC §7): standard keys, and custom fields of type text, boolean,
 * integer or date. Each key is an SQL expression over an opportunity row, the type its value is
 * read as, and the expression its groups are ordered by (deal stages in pipeline order; the rest by
 * value, no value last).
 */
final class SummaryKeys {

  /** At most this many keys in one {@code groupBy}. */
  static final int MAX_KEYS = 2;

  enum Type {
    LONG,
    TEXT,
    BOOLEAN
  }

  /**
   * One key of a summary.
   *
   * @param name the key's property name in groups
   * @param expression its value, over an opportunity row
   * @param order its groups' order: expressions over the key's value named {@code %1$s}, the last
   *     of them the value itself
   * @param shown the value a group shows, an expression over the grouped value named {@code %1$s}:
   *     a close month is grouped by the first moment of the month (cheap per row, ordered like its
   *     name) and named once per group
   */
  record Key(String name, String expression, Type type, List<String> order, String shown) {

    Key(String name, String expression, Type type, List<String> order) {
      this(name, expression, type, order, "%1$s");
    }

    @Nullable Object read(ResultSet rs, String column) throws SQLException {
      return switch (type) {
        case LONG -> rs.getObject(column, Long.class);
        case TEXT -> rs.getString(column);
        case BOOLEAN -> rs.getObject(column, Boolean.class);
      };
    }
  }

  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_]{1,255}");

  private static final Map<String, Key> STANDARD = new LinkedHashMap<>();

  static {
    standard(
        "pipelineID",
        "pipeline_id",
        Type.LONG,
        "(select p.weight from pipeline p where p.id = %1$s)");
    // stages in pipeline order: their pipeline's, then their own
    standard(
        "dealStageID",
        "deal_stage_id",
        Type.LONG,
        "(select p.weight from deal_stage s join pipeline p on p.id = s.pipeline_id"
            + " where s.id = %1$s)",
        "(select s.weight from deal_stage s where s.id = %1$s)");
    standard("ownerID", "owner_id", Type.LONG);
    standard("accountID", "account_id", Type.LONG);
    standard("campaignID", "campaign_id", Type.LONG);
    period("closeMonth", "month", "YYYY-MM");
    period("closeQuarter", "quarter", "YYYY-\"Q\"Q");
    standard("isClosed", "is_closed", Type.BOOLEAN);
    standard("isWon", "is_won", Type.BOOLEAN);
  }

  private static void standard(String name, String expression, Type type, String... order) {
    STANDARD.put(name, new Key(name, expression, type, ordered(order)));
  }

  /** The close date's calendar period in UTC, named by {@code format} (to_char's). */
  private static void period(String name, String unit, String format) {
    STANDARD.put(
        name,
        new Key(
            name,
            "date_trunc('" + unit + "', close_date, 'UTC')",
            Type.TEXT,
            ordered(),
            "to_char(%1$s at time zone 'UTC', '" + format + "')"));
  }

  private static List<String> ordered(String... before) {
    List<String> order = new ArrayList<>(List.of(before));
    order.add("%1$s");
    return List.copyOf(order);
  }

  private SummaryKeys() {}

  /** The names of the standard keys, for the document and messages. */
  static List<String> standardNames() {
    return List.copyOf(STANDARD.keySet());
  }

  /**
   * The keys {@code groupBy} names (comma-separated, one or two); 400 naming {@code groupBy} for a
   * key that is unknown, repeated or one too many.
   */
  static List<Key> parse(@Nullable String groupBy, CustomFieldDefinitions definitions) {
    if (groupBy == null || groupBy.isBlank()) {
      throw new InvalidInput("groupBy", "is required: " + described());
    }
    List<Key> keys = new ArrayList<>();
    for (String name : groupBy.split(",", -1)) {
      String trimmed = name.strip();
      Key key = STANDARD.get(trimmed);
      if (key == null) {
        key = custom(definitions.active(trimmed));
      }
      if (key == null) {
        throw new InvalidInput(
            "groupBy", "'" + trimmed + "' is not a key a summary can group by; " + described());
      }
      for (Key before : keys) {
        if (before.name().equals(key.name())) {
          throw new InvalidInput("groupBy", "names '" + trimmed + "' twice");
        }
      }
      keys.add(key);
    }
    if (keys.size() > MAX_KEYS) {
      throw new InvalidInput("groupBy", "names at most " + MAX_KEYS + " keys");
    }
    return keys;
  }

  private static @Nullable Key custom(@Nullable FieldRef field) {
    if (field == null || !SAFE_NAME.matcher(field.systemName()).matches()) {
      return null;
    }
    String value = "(custom_fields ->> '" + field.systemName() + "')";
    return switch (field.dataType()) {
      case TEXT, DATE -> new Key(field.systemName(), value, Type.TEXT, ordered());
      case BOOLEAN -> new Key(field.systemName(), value + "::boolean", Type.BOOLEAN, ordered());
      case INTEGER -> new Key(field.systemName(), value + "::bigint", Type.LONG, ordered());
      default -> null;
    };
  }

  private static String described() {
    return "one or two (comma-separated) of "
        + String.join(", ", STANDARD.keySet())
        + ", or the systemName of an active custom field of type text, boolean, integer or date";
  }
}
