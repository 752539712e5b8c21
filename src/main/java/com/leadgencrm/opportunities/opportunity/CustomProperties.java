package com.leadgencrm.opportunities.opportunity;

import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/**
 * Writes an opportunity's custom fields as properties of the opportunity ({@link
 * OpportunityView#custom()}, its any-getter), with each field's name encoded to JSON once rather
 * than once per row. A list of 100 opportunities with 20 custom fields writes 2,000 of these names:
 * Jackson's map serializer encoded each anew, and looked up a serializer for each value, 8% of the
 * list's CPU (BENCHMARKS.md, twenty-first round). Values are the plain values of {@link
 * CustomValues} (text, integers, decimals, booleans) or null; anything else goes through Jackson.
 */
final class CustomProperties extends ValueSerializer<Map<String, @Nullable Object>> {

  /** Names kept encoded at most: there are as many as custom fields ever defined. */
  private static final int MOST_NAMES = 10_000;

  private static final ConcurrentMap<String, SerializableString> NAMES = new ConcurrentHashMap<>();

  @Override
  public void serialize(
      Map<String, @Nullable Object> custom, JsonGenerator json, SerializationContext context) {
    for (Map.Entry<String, @Nullable Object> property : custom.entrySet()) {
      json.writeName(name(property.getKey()));
      Object value = property.getValue();
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

  private static SerializableString name(String name) {
    SerializableString encoded = NAMES.get(name);
    if (encoded != null) {
      return encoded;
    }
    encoded = new SerializedString(name);
    if (NAMES.size() < MOST_NAMES) {
      NAMES.putIfAbsent(name, encoded);
    }
    return encoded;
  }
}
