package com.leadgencrm.opportunities.opportunity;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.leadgencrm.opportunities.core.ETags;
import com.leadgencrm.opportunities.core.Numbers;
import com.leadgencrm.opportunities.core.Versioned;
import com.leadgencrm.opportunities.field.FieldRef;
import com.leadgencrm.opportunities.query.RowSink;
import com.leadgencrm.opportunities.query.TimestampText;
import java.io.StringWriter;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one mapping of an opportunity row to what clients read: its columns, spelled once, and the
 * representation built from them (reads, and writes that read back what they wrote); and of a row
 * to the entity and back, as JSON objects of the row's columns, which writes exchange with
 * PostgreSQL ({@code to_json} of a row to read one, {@code json_populate_recordset} to write them).
 */
@Component
class OpportunityRows {

  static final String COLUMNS =
      """
      id, owner_id, deal_stage_id, account_id, campaign_id, opportunity_name, probability,
      probability_explicit, amount, currency, is_closed, is_won, is_active, close_date,
      originating_lead_id, primary_lead_id, create_timestamp, update_timestamp,
      stage_change_timestamp, custom_fields, pipeline_id""";

  /** {@link #COLUMNS}, one name each, in their order. */
  static final List<String> COLUMN_NAMES =
      Arrays.stream(COLUMNS.split(",")).map(String::strip).toList();

  // where each of COLUMNS is in a row selected with them, from 1: the export reads its million
  // rows by position rather than by name (a lookup per cell)
  private static final int ID = position("id");
  private static final int OWNER_ID = position("owner_id");
  private static final int DEAL_STAGE_ID = position("deal_stage_id");
  private static final int ACCOUNT_ID = position("account_id");
  private static final int CAMPAIGN_ID = position("campaign_id");
  private static final int OPPORTUNITY_NAME = position("opportunity_name");
  private static final int PROBABILITY = position("probability");
  private static final int PROBABILITY_EXPLICIT = position("probability_explicit");
  private static final int AMOUNT = position("amount");
  private static final int CURRENCY = position("currency");
  private static final int IS_CLOSED = position("is_closed");
  private static final int IS_WON = position("is_won");
  private static final int IS_ACTIVE = position("is_active");
  private static final int CLOSE_DATE = position("close_date");
  private static final int ORIGINATING_LEAD_ID = position("originating_lead_id");
  private static final int PRIMARY_LEAD_ID = position("primary_lead_id");
  private static final int CREATE_TIMESTAMP = position("create_timestamp");
  private static final int UPDATE_TIMESTAMP = position("update_timestamp");
  private static final int STAGE_CHANGE_TIMESTAMP = position("stage_change_timestamp");
  private static final int CUSTOM_FIELDS = position("custom_fields");
  private static final int PIPELINE_ID = position("pipeline_id");

  private static final TypeReference<LinkedHashMap<String, Object>> VALUES =
      new TypeReference<>() {};

  /** The custom fields' JSON object, taken into and out of a row as it is. */
  private abstract static class RawCustomFields {
    @JsonRawValue
    @JsonDeserialize(using = JsonText.class)
    String customFields;
  }

  /** A JSON value as its text, numbers as they were written (no detour through a double). */
  private static final class JsonText extends ValueDeserializer<String> {

    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) {
      StringWriter text = new StringWriter();
      try (JsonGenerator generator = JSON.createGenerator(ObjectWriteContext.empty(), text)) {
        generator.copyCurrentStructureExact(parser);
      }
      return text.toString();
    }
  }

  private final CustomValues customValues;
  private final JsonMapper mapper;
  // the stored values' type resolved once, not at each row
  private final ObjectReader storedValues;
  private final ObjectWriter entitiesWriter;
  private final ObjectReader entityReader;

  OpportunityRows(CustomValues customValues, JsonMapper mapper) {
    this.customValues = customValues;
    this.mapper = mapper;
    this.storedValues = mapper.readerFor(VALUES);
    // an opportunity's fields, private ones included, named as JPA names their columns; a column
    // the entity does not map (pipeline_id, kept by a trigger) is left alone both ways
    JsonMapper entities =
        mapper
            .rebuild()
            .changeDefaultVisibility(
                visibility ->
                    visibility
                        .withFieldVisibility(Visibility.ANY)
                        .withGetterVisibility(Visibility.NONE)
                        .withIsGetterVisibility(Visibility.NONE)
                        .withSetterVisibility(Visibility.NONE))
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addMixIn(Opportunity.class, RawCustomFields.class)
            .build();
    this.entitiesWriter = entities.writerFor(new TypeReference<List<Opportunity>>() {});
    this.entityReader = entities.readerFor(Opportunity.class);
  }

  /** Opportunities as rows of their table: one JSON array for {@code json_populate_recordset}. */
  String rowsJson(List<Opportunity> opportunities) {
    return entitiesWriter.writeValueAsString(opportunities);
  }

  /** The opportunity of a row as {@code to_json} renders it. */
  Opportunity entity(String rowJson) {
    return entityReader.readValue(rowJson);
  }

  private static int position(String column) {
    if (!COLUMN_NAMES.contains(column)) {
      throw new IllegalArgumentException(column + " is not selected");
    }
    return COLUMN_NAMES.indexOf(column) + 1;
  }

  /**
   * The representation of a row selected with {@link #COLUMNS}, wherever they stand in the row (a
   * list selects other columns beside them). Cells are read by position from the first: a lookup by
   * name for each of them was 4% of a list's CPU.
   */
  OpportunityView view(ResultSet rs, CustomFieldDefinitions definitions) throws SQLException {
    int at = rs.findColumn("id") - ID;
    return new OpportunityView(
        rs.getLong(at + ID),
        rs.getLong(at + OWNER_ID),
        rs.getLong(at + DEAL_STAGE_ID),
        rs.getLong(at + PIPELINE_ID),
        rs.getObject(at + ACCOUNT_ID, Long.class),
        rs.getObject(at + CAMPAIGN_ID, Long.class),
        rs.getString(at + OPPORTUNITY_NAME),
        Numbers.plain(rs.getBigDecimal(at + PROBABILITY)),
        rs.getBoolean(at + PROBABILITY_EXPLICIT) ? "manual" : "stage",
        rs.getBigDecimal(at + AMOUNT),
        rs.getString(at + CURRENCY),
        rs.getBoolean(at + IS_CLOSED),
        rs.getBoolean(at + IS_WON),
        rs.getBoolean(at + IS_ACTIVE),
        rs.getObject(at + CLOSE_DATE, OffsetDateTime.class).toInstant(),
        rs.getObject(at + ORIGINATING_LEAD_ID, Long.class),
        rs.getObject(at + PRIMARY_LEAD_ID, Long.class),
        rs.getObject(at + CREATE_TIMESTAMP, OffsetDateTime.class).toInstant(),
        rs.getObject(at + UPDATE_TIMESTAMP, OffsetDateTime.class).toInstant(),
        rs.getObject(at + STAGE_CHANGE_TIMESTAMP, OffsetDateTime.class).toInstant(),
        readable(stored(rs.getString(at + CUSTOM_FIELDS)), definitions));
  }

  /** {@link #view} with its entity tag, of a row that selects {@code version} too. */
  Versioned<OpportunityView> versioned(ResultSet rs, CustomFieldDefinitions definitions)
      throws SQLException {
    return new Versioned<>(
        view(rs, definitions), ETags.of(rs.getLong("version"), definitions.epoch()));
  }

  /**
   * The properties of {@link #view}, cell by cell in the order of its JSON representation, without
   * building the view: the CSV export's row, of a row that starts with {@link #COLUMNS}. The custom
   * fields come last, one cell per column of {@code custom} (empty for a field no longer active).
   */
  void cells(ResultSet rs, List<@Nullable FieldRef> custom, RowSink sink) throws SQLException {
    sink.cell(rs.getLong(ID));
    sink.cell(rs.getLong(OWNER_ID));
    sink.cell(rs.getLong(DEAL_STAGE_ID));
    sink.cell(rs.getLong(PIPELINE_ID));
    sink.cell(rs.getObject(ACCOUNT_ID, Long.class));
    sink.cell(rs.getObject(CAMPAIGN_ID, Long.class));
    sink.cell(rs.getString(OPPORTUNITY_NAME));
    sink.cell(Numbers.plain(rs.getBigDecimal(PROBABILITY)));
    sink.cell(rs.getBoolean(PROBABILITY_EXPLICIT) ? "manual" : "stage");
    sink.cell(rs.getBigDecimal(AMOUNT));
    sink.cell(rs.getString(CURRENCY));
    sink.cell(rs.getBoolean(IS_CLOSED));
    sink.cell(rs.getBoolean(IS_WON));
    sink.cell(rs.getBoolean(IS_ACTIVE));
    sink.cell(TimestampText.of(rs, CLOSE_DATE));
    sink.cell(rs.getObject(ORIGINATING_LEAD_ID, Long.class));
    sink.cell(rs.getObject(PRIMARY_LEAD_ID, Long.class));
    sink.cell(TimestampText.of(rs, CREATE_TIMESTAMP));
    sink.cell(TimestampText.of(rs, UPDATE_TIMESTAMP));
    sink.cell(TimestampText.of(rs, STAGE_CHANGE_TIMESTAMP));
    Map<String, Object> stored = stored(rs.getString(CUSTOM_FIELDS));
    for (@Nullable FieldRef field : custom) {
      Object value = field == null ? null : stored.get(field.systemName());
      sink.cell(field == null || value == null ? null : customValues.readable(field, value));
    }
    sink.endRow();
  }

  /** The stored custom values of the JSON column, by systemName. */
  Map<String, Object> stored(@Nullable String json) {
    if (json == null || json.equals("{}")) {
      return Map.of();
    }
    Map<String, Object> values = storedValues.readValue(json);
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
    CustomFieldValues.Fields fields = definitions.activeFields();
    @Nullable Object[] values = new Object[fields.size()];
    for (int i = 0; i < values.length; i++) {
      FieldRef field = fields.field(i);
      Object value = stored.get(field.systemName());
      values[i] = value == null ? null : customValues.readable(field, value);
    }
    return new CustomFieldValues(fields, values);
  }
}
