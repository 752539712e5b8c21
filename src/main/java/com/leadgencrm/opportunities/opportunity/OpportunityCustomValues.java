package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.RecordShape;
import com.leadgencrm.opportunities.core.Values.TypeMismatch;
import com.leadgencrm.opportunities.field.CustomFieldValues;
import com.leadgencrm.opportunities.field.FieldRef;
import com.leadgencrm.opportunities.field.ValuesDoNotConvert;
import com.leadgencrm.opportunities.limits.StatementTimeout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The custom-field values of opportunities, in the {@code custom_fields} JSONB column: one GIN
 * index serves equality filters of every field, and fields that filter by range get a partial
 * expression index of their own.
 *
 * <p>Changes that touch stored values (a new data type or length, deletion) lock the opportunity
 * table against writes for their duration; opportunity writes read the field definitions only after
 * taking their own (shared) table lock, so no write can slip a value of the old definition past the
 * change.
 */
@Component
class OpportunityCustomValues implements CustomFieldValues {

  private static final int EXAMPLES = 10;

  private final JdbcClient jdbc;
  private final CustomValues values;
  private final JsonMapper mapper;
  private final ExternalKeys keys;

  OpportunityCustomValues(
      JdbcClient jdbc, CustomValues values, JsonMapper mapper, ExternalKeys keys) {
    this.keys = keys;
    this.jdbc = jdbc;
    this.values = values;
    this.mapper = mapper;
  }

  @Override
  public boolean holds(String relationship) {
    return relationship.equals("opportunity");
  }

  /**
   * The query parameters of the opportunity list that are not properties (those are standard
   * fields, taken already): {@code leadID}, the range bounds, paging.
   */
  @Override
  public Set<String> reserved() {
    Set<String> reserved = new java.util.HashSet<>(OpportunityListParams.NAMES);
    reserved.removeAll(RecordShape.of(OpportunityInput.class).names());
    // properties beyond the schema, which no standard field describes
    reserved.addAll(Set.of("currency", "pipelineID", "probabilitySource"));
    return reserved;
  }

  @Override
  public void created(FieldRef field) {
    if (CustomFieldDefinitions.ranged(field.dataType())) {
      StatementTimeout.extendTo(jdbc, StatementTimeout.SCHEMA_CHANGE);
    }
    createRangeIndex(field);
    keys.changed(null, field);
  }

  @Override
  public void changing(FieldRef before, FieldRef after) {
    keys.changed(before, after);
    boolean newType = before.dataType() != after.dataType();
    boolean shorter = after.dataType().textual() && after.dataLength() < before.dataLength();
    if (!newType && !shorter) {
      return;
    }
    StatementTimeout.extendTo(jdbc, StatementTimeout.SCHEMA_CHANGE);
    jdbc.sql("lock table opportunity in exclusive mode").update();
    List<Long> failed = new ArrayList<>();
    long failures = 0;
    List<Map.Entry<Long, String>> converted = new ArrayList<>();
    for (Map.Entry<Long, Object> stored : storedValues(before)) {
      try {
        Object value = values.convert(before, after, stored.getValue());
        if (!value.equals(stored.getValue())) {
          converted.add(Map.entry(stored.getKey(), mapper.writeValueAsString(value)));
        }
      } catch (TypeMismatch e) {
        failures++;
        if (failed.size() < EXAMPLES) {
          failed.add(stored.getKey());
        }
      }
    }
    if (failures > 0) {
      String target =
          after.dataType().json()
              + (after.dataType().textual()
                  ? " of at most " + after.dataLength() + " characters"
                  : "");
      throw new ValuesDoNotConvert(after.systemName(), target, failures, failed);
    }
    for (Map.Entry<Long, String> value : converted) {
      jdbc.sql(
              "update opportunity set custom_fields = jsonb_set(custom_fields, array[:name], cast(:value as jsonb))"
                  + " where id = :id")
          .param("name", after.systemName())
          .param("value", value.getValue())
          .param("id", value.getKey())
          .update();
    }
    if (newType) {
      dropRangeIndex(before);
      createRangeIndex(after);
    }
  }

  @Override
  public void deleted(FieldRef field) {
    StatementTimeout.extendTo(jdbc, StatementTimeout.SCHEMA_CHANGE);
    jdbc.sql("lock table opportunity in exclusive mode").update();
    jdbc.sql(
            "update opportunity set custom_fields = custom_fields - :name"
                + " where jsonb_exists(custom_fields, :name)")
        .param("name", field.systemName())
        .update();
    dropRangeIndex(field);
    keys.changed(field, null);
  }

  private List<Map.Entry<Long, Object>> storedValues(FieldRef field) {
    return jdbc.sql(
            "select id, custom_fields -> :name as value from opportunity"
                + " where jsonb_exists(custom_fields, :name)")
        .param("name", field.systemName())
        .query(
            (rs, n) ->
                Map.entry(
                    rs.getLong("id"),
                    CustomValues.plain(mapper.readValue(rs.getString("value"), Object.class))))
        .list();
  }

  /**
   * The SQL expression a range filter on the field compares, as its index holds it. The systemName
   * is a literal here (it is {@code [A-Za-z][A-Za-z0-9_]*}): a partial index only serves a query
   * whose condition names the same constant.
   */
  static String rangeExpression(FieldRef field) {
    String value = "(custom_fields ->> '" + field.systemName() + "')";
    return switch (field.dataType()) {
      case INTEGER, NUMBER -> "(" + value + "::numeric)";
      default -> value;
    };
  }

  /** The condition of the partial range index: rows that have a value for the field. */
  static String hasValue(FieldRef field) {
    return "jsonb_exists(custom_fields, '" + field.systemName() + "')";
  }

  private void createRangeIndex(FieldRef field) {
    if (!CustomFieldDefinitions.ranged(field.dataType())) {
      return;
    }
    jdbc.sql(
            "create index if not exists "
                + indexName(field)
                + " on opportunity ("
                + rangeExpression(field)
                + ", id) where "
                + hasValue(field))
        .update();
  }

  private void dropRangeIndex(FieldRef field) {
    jdbc.sql("drop index if exists " + indexName(field)).update();
  }

  private static String indexName(FieldRef field) {
    return "opportunity_cf_" + field.id() + "_idx";
  }
}
