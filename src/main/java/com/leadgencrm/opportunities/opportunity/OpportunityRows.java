package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.Numbers;
import com.leadgencrm.opportunities.field.FieldRef;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one mapping of an opportunity row to what clients read: its columns, spelled once, and the
 * representation built from them (reads, and writes that read back what they wrote).
 */
@Component
class OpportunityRows {

  static final String COLUMNS =
      """
      id, owner_id, deal_stage_id, account_id, campaign_id, opportunity_name, probability,
      probability_explicit, amount, currency, is_closed, is_won, is_active, close_date,
      originating_lead_id, primary_lead_id, create_timestamp, update_timestamp,
      stage_change_timestamp, custom_fields, pipeline_id""";

  private static final TypeReference<LinkedHashMap<String, Object>> VALUES =
      new TypeReference<>() {};

  private final CustomValues customValues;
  private final JsonMapper mapper;

  OpportunityRows(CustomValues customValues, JsonMapper mapper) {
    this.customValues = customValues;
    this.mapper = mapper;
  }

  OpportunityView view(ResultSet rs, CustomFieldDefinitions definitions) throws SQLException {
    return new OpportunityView(
        rs.getLong("id"),
        rs.getLong("owner_id"),
        rs.getLong("deal_stage_id"),
        rs.getLong("pipeline_id"),
        rs.getObject("account_id", Long.class),
        rs.getObject("campaign_id", Long.class),
        rs.getString("opportunity_name"),
        Numbers.plain(rs.getBigDecimal("probability")),
        rs.getBoolean("probability_explicit") ? "manual" : "stage",
        rs.getBigDecimal("amount"),
        rs.getString("currency"),
        rs.getBoolean("is_closed"),
        rs.getBoolean("is_won"),
        rs.getBoolean("is_active"),
        rs.getObject("close_date", OffsetDateTime.class).toInstant(),
        rs.getObject("originating_lead_id", Long.class),
        rs.getObject("primary_lead_id", Long.class),
        rs.getObject("create_timestamp", OffsetDateTime.class).toInstant(),
        rs.getObject("update_timestamp", OffsetDateTime.class).toInstant(),
        rs.getObject("stage_change_timestamp", OffsetDateTime.class).toInstant(),
        readable(stored(rs.getString("custom_fields")), definitions));
  }

  /** The stored custom values of the JSON column, by systemName. */
  Map<String, Object> stored(@Nullable String json) {
    if (json == null || json.equals("{}")) {
      return Map.of();
    }
    Map<String, Object> values = mapper.readValue(json, VALUES);
    values.replaceAll((name, value) -> CustomValues.plain(value));
    return values;
  }

  /** Custom values as the JSON column stores them. */
  String json(Map<String, Object> stored) {
    return mapper.writeValueAsString(stored);
  }

  /** Every active custom field, by systemName in field order: its value, or null when unset. */
  Map<String, @Nullable Object> readable(
      Map<String, Object> stored, CustomFieldDefinitions definitions) {
    Map<String, FieldRef> active = definitions.active();
    Map<String, @Nullable Object> custom = new LinkedHashMap<>(active.size() * 2);
    for (FieldRef field : active.values()) {
      Object value = stored.get(field.systemName());
      custom.put(field.systemName(), value == null ? null : customValues.readable(field, value));
    }
    return Collections.unmodifiableMap(custom);
  }
}
