package com.leadgencrm.opportunities.opportunity;

import java.math.BigDecimal;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/**
 * Writes an opportunity's custom fields as properties of the opportunity ({@link
 * OpportunityView#custom()}, its any-getter). A list of 100 opportunities with 20 custom fields
 * writes 2,000 of them: Jackson's map serializer encoded each name anew and looked up a serializer
 * for each value, 8% of the list's CPU (BENCHMARKS.md, twenty-first round); here the names of
 * {@link CustomFieldValues} come encoded once per field, and values are written by their type.
 * Values are the plain values of {@link CustomValues} (text, integers, decimals, booleans) or null;
 * anything else goes through Jackson.
 */
final class CustomProperties extends ValueSerializer<Map<String, @Nullable Object>> {

  @Override
  public void serialize(
      Map<String, @Nullable Object> custom, JsonGenerator json, SerializationContext context) {
    if (custom instanceof CustomFieldValues values) {
      for (int i = 0; i < values.size(); i++) {
        json.writeName(values.name(i));
        write(values.value(i), json, context);
      }
      return;
    }
    for (Map.Entry<String, @Nullable Object> property : custom.entrySet()) {
      json.writeName(property.getKey());
      write(property.getValue(), json, context);
    }
  }

  private static void write(
      @Nullable Object value, JsonGenerator json, SerializationContext context) {
    if (value == null) {
      json.writeNull();
    } else if (value instanceof String text) {
      json.writeString(text);
    } else if (value instanceof Long number) {
      json.writeNumber(number);
    } else if (value instanceof BigDecimal number) {
      json.writeNumber(number);
    } else if (value instanceof Boolean bool) {
      json.writeBoolean(bool);
    } else {
      context.writeValue(json, value);
    }
  }
}
