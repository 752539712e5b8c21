package com.leadgencrm.opportunities.opportunity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leadgencrm.opportunities.field.DataType;
import com.leadgencrm.opportunities.field.FieldRef;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Custom fields are properties of the opportunity, written as Jackson writes a map's entries, and
 * read back as a map of systemName to value in field order.
 */
class CustomPropertiesUnitTest {

  static final JsonMapper MAPPER =
      JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

  static OpportunityView view(Map<String, Object> custom) {
    Instant at = Instant.parse("2026-12-07T07:00:00Z");
    return new OpportunityView(
        1,
        7,
        2,
        1,
        null,
        null,
        "Acme",
        null,
        "stage",
        new BigDecimal("10.00"),
        "USD",
        false,
        false,
        true,
        at,
        null,
        null,
        at,
        at,
        at,
        custom);
  }

  static Map<String, @Nullable Object> values() {
    Map<String, @Nullable Object> custom = new LinkedHashMap<>();
    custom.put("cf_unset", null);
    custom.put("cf_region", "EMEA \"north\" é");
    custom.put("cf_seats", 143L);
    custom.put("cf_arr", new BigDecimal("1E+3"));
    custom.put("cf_margin", new BigDecimal("23.8800"));
    custom.put("cf_renewal", true);
    custom.put("cf_huge", new BigInteger("123456789012345678901234567890"));
    return custom;
  }

  /** The same values as the map rows are read into. */
  static CustomFieldValues asRead(Map<String, @Nullable Object> custom) {
    List<FieldRef> fields = new ArrayList<>();
    for (String name : custom.keySet()) {
      fields.add(
          new FieldRef(
              fields.size() + 1,
              "opportunity",
              name,
              DataType.TEXT,
              255,
              false,
              true,
              true,
              false));
    }
    return new CustomFieldValues(
        new CustomFieldValues.Fields(fields), custom.values().toArray(Object[]::new));
  }

  @Test
  void eachCustomFieldIsAPropertyInFieldOrderAsAMapWritesIt() {
    Map<String, @Nullable Object> custom = values();
    String map = MAPPER.writeValueAsString(custom);
    for (Map<String, @Nullable Object> values : List.of(custom, asRead(custom))) {
      assertThat(MAPPER.writeValueAsString(view(values)))
          .endsWith(",\"stageChangeTimestamp\":\"2026-12-07T07:00:00Z\"," + map.substring(1))
          .contains(
              "\"cf_unset\":null,\"cf_region\":\"EMEA \\\"north\\\" é\",\"cf_seats\":143,"
                  + "\"cf_arr\":1000,\"cf_margin\":23.8800,\"cf_renewal\":true,"
                  + "\"cf_huge\":123456789012345678901234567890}");
    }
  }

  @Test
  void withoutCustomFieldsTheOpportunityEndsWithItsOwnProperties() {
    for (Map<String, Object> none : List.of(Map.<String, Object>of(), asRead(Map.of()))) {
      assertThat(MAPPER.writeValueAsString(view(none)))
          .endsWith("\"stageChangeTimestamp\":\"2026-12-07T07:00:00Z\"}");
    }
  }

  @Test
  void theValuesAsReadAreAnUnmodifiableMapInFieldOrder() {
    Map<String, @Nullable Object> custom = values();
    CustomFieldValues read = asRead(custom);
    assertThat(read).isEqualTo(custom).hasSameHashCodeAs(custom);
    assertThat(read.keySet()).containsExactlyElementsOf(custom.keySet());
    assertThat(read.get("cf_seats")).isEqualTo(143L);
    assertThat(read.containsKey("cf_unset")).isTrue();
    assertThat(read.get("cf_unset")).isNull();
    assertThat(read.containsKey("cf_other")).isFalse();
    assertThatThrownBy(() -> read.put("cf_seats", 1L))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> read.entrySet().iterator().next().setValue(1L))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
