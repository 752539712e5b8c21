package com.leadgencrm.opportunities.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/** Custom fields are properties of the opportunity, written as Jackson writes a map's entries. */
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

  @Test
  void eachCustomFieldIsAPropertyInFieldOrderAsAMapWritesIt() {
    Map<String, Object> custom = new LinkedHashMap<>();
    custom.put("cf_unset", null);
    custom.put("cf_region", "EMEA \"north\" é");
    custom.put("cf_seats", 143L);
    custom.put("cf_arr", new BigDecimal("1E+3"));
    custom.put("cf_margin", new BigDecimal("23.8800"));
    custom.put("cf_renewal", true);
    custom.put("cf_huge", new BigInteger("123456789012345678901234567890"));
    String view = MAPPER.writeValueAsString(view(custom));
    String map = MAPPER.writeValueAsString(custom);
    assertThat(view)
        .endsWith(",\"stageChangeTimestamp\":\"2026-12-07T07:00:00Z\"," + map.substring(1))
        .contains(
            "\"cf_unset\":null,\"cf_region\":\"EMEA \\\"north\\\" é\",\"cf_seats\":143,"
                + "\"cf_arr\":1000,\"cf_margin\":23.8800,\"cf_renewal\":true,"
                + "\"cf_huge\":123456789012345678901234567890}");
  }

  @Test
  void withoutCustomFieldsTheOpportunityEndsWithItsOwnProperties() {
    assertThat(MAPPER.writeValueAsString(view(Map.of())))
        .endsWith("\"stageChangeTimestamp\":\"2026-12-07T07:00:00Z\"}");
  }
}
