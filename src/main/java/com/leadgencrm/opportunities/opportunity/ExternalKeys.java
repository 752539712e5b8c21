package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.Conflict;
import com.leadgencrm.opportunities.field.FieldRef;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Unique custom fields: external keys. Each has a unique expression index over its values (created
 * when the flag is turned on, after checking that no value repeats); writes check a value against
 * the others first, so that the refusal names the opportunity that holds it.
 */
@Component
class ExternalKeys {

  private static final int EXAMPLES = 10;

  private final JdbcClient jdbc;

  ExternalKeys(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A value is taken by another opportunity (409 with its id). */
  static final class ValueTaken extends Conflict {
    private final String field;
    private final long holder;

    ValueTaken(String field, String value, long holder) {
      super(
          "The value '"
              + value
              + "' of the unique field "
              + field
              + " is taken by opportunity "
              + holder);
      this.field = field;
      this.holder = holder;
    }

    long holder() {
      return holder;
    }

    @Override
    public Map<String, Object> properties() {
      return Map.of("field", field, "existingId", holder);
    }
  }

  /** Values repeat among opportunities: the field cannot become unique (409 listing them). */
  static final class ValuesRepeat extends Conflict {
    private final List<Map<String, Object>> repeated;

    ValuesRepeat(String field, List<Map<String, Object>> repeated) {
      super(
          "Values of "
              + field
              + " repeat among opportunities ("
              + repeated.size()
              + (repeated.size() == EXAMPLES ? " or more" : "")
              + " values): make them unique before turning isUnique on");
      this.repeated = repeated;
    }

    @Override
    public Map<String, Object> properties() {
      return Map.of("duplicates", repeated);
    }
  }

  /** A field definition changes (null before: created; null after: deleted). */
  void changed(@Nullable FieldRef before, @Nullable FieldRef after) {
    boolean was = before != null && before.isUnique();
    boolean is = after != null && after.isUnique();
    if (is && !was) {
      // EXCLUSIVE, not SHARE: a change of one opportunity holds only ROW SHARE (its row lock)
      // from the statement that read the catalog version it checks keys against until it writes,
      // and SHARE would let this check run in between (OpportunityUpdates#open)
      jdbc.sql("lock table opportunity in exclusive mode").update();
      List<Map<String, Object>> repeated =
          jdbc.sql(
                  "select custom_fields ->> :name as value, array_agg(id order by id) as ids"
                      + " from opportunity where jsonb_exists(custom_fields, :name)"
                      + " group by 1 having count(*) > 1 order by 1 limit "
                      + EXAMPLES)
              .param("name", after.systemName())
              .query(
                  (rs, n) ->
                      Map.<String, Object>of(
                          "value",
                          rs.getString("value"),
                          "opportunityIDs",
                          List.of((Long[]) rs.getArray("ids").getArray())))
              .list();
      if (!repeated.isEmpty()) {
        throw new ValuesRepeat(after.systemName(), repeated);
      }
      jdbc.sql(
              "create unique index if not exists "
                  + indexName(after)
                  + " on opportunity ("
                  + expression(after)
                  + ") where "
                  + OpportunityCustomValues.hasValue(after))
          .update();
    } else if (was && !is) {
      jdbc.sql("drop index if exists " + indexName(before)).update();
    }
  }

  /** Refuses stored custom values that another opportunity holds for a unique field. */
  void check(CustomFieldDefinitions definitions, Map<String, Object> stored, @Nullable Long self) {
    for (FieldRef field : definitions.active().values()) {
      Object value = stored.get(field.systemName());
      if (field.isUnique() && value != null) {
        String text = text(value);
        Optional<Long> holder = holder(field, text);
        if (holder.isPresent() && !holder.get().equals(self)) {
          throw new ValueTaken(field.systemName(), text, holder.get());
        }
      }
    }
  }

  /** The opportunity holding this value of a unique field, locked. */
  Optional<Long> holder(FieldRef field, String text) {
    return jdbc.sql(
            "select id from opportunity where "
                + expression(field)
                + " = :value and "
                + OpportunityCustomValues.hasValue(field)
                + " for update")
        .param("value", text)
        .query(Long.class)
        .optional();
  }

  /** A value as the index holds it: JSON text ({@code ->>}). */
  static String text(Object value) {
    return value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
  }

  private static String expression(FieldRef field) {
    return "(custom_fields ->> '" + field.systemName() + "')";
  }

  private static String indexName(FieldRef field) {
    return "opportunity_unique_" + field.id();
  }
}
