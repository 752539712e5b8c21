package com.leadgencrm.opportunities.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.core.InvalidField;
import com.leadgencrm.opportunities.core.Submitted;
import com.leadgencrm.opportunities.core.Values;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The REST API reads JSON strictly: each property must have its JSON type. */
class JsonInputUnitTest {

  /** Reads numbers the way the service's mapper does: never through a double. */
  static final JsonMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  record Deal(
      @Nullable String name,
      @Min(1) @Max(9) @Nullable Long seats,
      @Min(0) @Max(100) @Nullable Integer percent,
      @Nullable Boolean won,
      @Nullable BigDecimal amount,
      @Nullable Instant closeDate) {}

  static Submitted<Deal> read(String json) {
    return JsonInput.read(JSON.readTree(json), Deal.class);
  }

  static Map<String, @Nullable Object> map(Object... pairs) {
    Map<String, @Nullable Object> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }

  @Test
  void eachPropertyIsReadAsItsComponentsType() {
    Submitted<Deal> deal =
        read(
            """
            {"name":"Acme","seats":3,"percent":40,"won":true,"amount":1500.50,
             "closeDate":"2026-12-31T17:00:00+01:00"}""");
    assertThat(deal.errors()).isEmpty();
    assertThat(deal.record())
        .isEqualTo(
            new Deal(
                "Acme",
                3L,
                40,
                true,
                new BigDecimal("1500.50"),
                Instant.parse("2026-12-31T16:00:00Z")));
  }

  @Test
  void aStringIsNeverANumberNorANumberAFlag() {
    assertThat(read("{\"seats\":\"3\",\"won\":1,\"amount\":\"12\",\"name\":5}").errors())
        .containsExactly(
            new InvalidField("seats", "must be an integer from 1 to 9"),
            new InvalidField("won", "must be true or false"),
            new InvalidField("amount", "must be a number"),
            new InvalidField("name", "must be a string"));
  }

  @Test
  void integersOutsideTheirMinAndMaxAreRefusedAsTheyAreRead() {
    assertThat(read("{\"seats\":10,\"percent\":-1}").errors())
        .containsExactly(
            new InvalidField("seats", "must be an integer from 1 to 9"),
            new InvalidField("percent", "must be an integer from 0 to 100"));
  }

  @Test
  void nullIsGivenAsNull() {
    Submitted<Deal> patch = JsonInput.patch(JSON.readTree("{\"amount\":null}"), Deal.class);
    assertThat(patch.given()).isEqualTo(map("amount", null));
    assertThat(patch.errors()).isEmpty();
  }

  @Test
  void readOnlyPropertiesAreRefused() {
    assertThat(read("{\"id\":5,\"createTimestamp\":\"x\",\"updateTimestamp\":null}").errors())
        .containsExactly(
            new InvalidField("id", "is read-only"),
            new InvalidField("createTimestamp", "is read-only"),
            new InvalidField("updateTimestamp", "is read-only"));
  }

  @Test
  void otherPropertiesArePassedOnAsPlainValuesForTheServiceToJudge() {
    Submitted<Deal> deal =
        read(
            """
            {"seats_custom":12,"big":12345678901234567890,"ratio":0.5,"region":"EU",
             "flag":false,"list":[1],"nothing":null}""");
    assertThat(deal.errors()).isEmpty();
    assertThat(deal.given()).isEmpty();
    assertThat(deal.extra())
        .isEqualTo(
            map(
                "seats_custom",
                12L,
                "big",
                new BigInteger("12345678901234567890"),
                "ratio",
                new BigDecimal("0.5"),
                "region",
                "EU",
                "flag",
                false,
                "list",
                List.of(1L),
                "nothing",
                null));
  }

  @Test
  void aPropertyNameThatIsNotUnicodeTextIsRefused() {
    assertThat(read("{\"\\ud800\":1}").errors())
        .containsExactly(new InvalidField("", "property names must be valid Unicode text"));
  }

  @Test
  void aBodyThatIsNotAnObjectIsOneError() {
    for (String body : new String[] {"[]", "\"x\"", "null", "12"}) {
      Submitted<Deal> read = read(body);
      assertThat(read.isObject()).as(body).isFalse();
      assertThat(read.errors())
          .as(body)
          .containsExactly(new InvalidField("", "the request body must be a JSON object"));
    }
    assertThat(JsonInput.patch(JSON.readTree("[]"), Deal.class).errors())
        .containsExactly(
            new InvalidField("", "the request body must be a JSON object (a JSON Merge Patch)"));
    assertThat(JsonInput.read(null, Deal.class).isObject()).isFalse();
  }

  @Test
  void theIdAnObjectNamesIsAPositiveInteger() {
    assertThat(JsonInput.id(JSON.readTree("{\"id\":7}"))).isEqualTo(7L);
    assertThat(JsonInput.id(JSON.readTree("{\"id\":0}"))).isNull();
    assertThat(JsonInput.id(JSON.readTree("{\"id\":\"7\"}"))).isNull();
    assertThat(JsonInput.id(JSON.readTree("{\"id\":7.5}"))).isNull();
    assertThat(JsonInput.id(JSON.readTree("{\"id\":99999999999999999999}"))).isNull();
    assertThat(JsonInput.id(JSON.readTree("[7]"))).isNull();
  }

  @Test
  void withoutIdRemovesOnlyTheId() {
    JsonNode object = JSON.readTree("{\"id\":7,\"amount\":1}");
    assertThat(JsonInput.withoutId(object)).isEqualTo(JSON.readTree("{\"amount\":1}"));
    assertThat(object).isEqualTo(JSON.readTree("{\"id\":7,\"amount\":1}"));
    assertThat(JsonInput.withoutId(JSON.readTree("[7]"))).isEqualTo(JSON.readTree("[7]"));
  }

  @Test
  void plainValues() {
    assertThat(JsonInput.plain(JSON.readTree("\"x\""))).isEqualTo("x");
    assertThat(JsonInput.plain(JSON.readTree("12"))).isEqualTo(12L);
    assertThat(JsonInput.plain(JSON.readTree("1.50"))).isEqualTo(new BigDecimal("1.50"));
    assertThat(JsonInput.plain(JSON.readTree("true"))).isEqualTo(true);
    assertThat(JsonInput.plain(JSON.readTree("null"))).isNull();
    assertThat(JsonInput.plain(null)).isNull();
    assertThat(JsonInput.plain(JSON.readTree("{}"))).isSameAs(Values.STRUCTURED);
  }
}
