package com.leadgencrm.opportunities.pubapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wire protocol's values: whatever type a client sends in, the REST API's types for the
 * services; every value a string on the way out, date-times in the version's zone.
 */
class WireValuesUnitTest {

  static final JsonMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
  static final WireValues UTC = new WireValues(ZoneOffset.UTC);
  static final WireValues NEW_YORK = new WireValues(ZoneId.of("America/New_York"));

  static String in(WireValues values, WireProperties type, String json) {
    return JSON.writeValueAsString(values.in(JSON.readTree(json), type));
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(
      delimiterString = "=>",
      quoteCharacter = '`',
      textBlock =
          """
          INTEGER  => `"12"`                  => 12
          INTEGER  => `" -12 "`               => -12
          INTEGER  => 12                      => 12
          INTEGER  => 12.0                    => 12
          INTEGER  => `"123456789012345678901234567890"` => 123456789012345678901234567890
          INTEGER  => `""`                    => null
          INTEGER  => `"   "`                 => null
          INTEGER  => `"12.5"`                => `"12.5"`
          INTEGER  => 12.5                    => 12.5
          INTEGER  => `"twelve"`              => `"twelve"`
          INTEGER  => true                    => true
          DECIMAL  => `"1500.50"`             => 1500.50
          DECIMAL  => 1500.5                  => 1500.5
          DECIMAL  => `"1,5"`                 => `"1,5"`
          DECIMAL  => `""`                    => null
          BOOLEAN  => `"1"`                   => true
          BOOLEAN  => `"0"`                   => false
          BOOLEAN  => `"TRUE"`                => true
          BOOLEAN  => `" false "`             => false
          BOOLEAN  => 1                       => true
          BOOLEAN  => 0                       => false
          BOOLEAN  => 2                       => 2
          BOOLEAN  => `"yes"`                 => `"yes"`
          BOOLEAN  => false                   => false
          BOOLEAN  => `""`                    => null
          TEXT     => 12                      => `"12"`
          TEXT     => 1500.50                 => `"1500.50"`
          TEXT     => true                    => `"1"`
          TEXT     => `""`                    => `""`
          TEXT     => `" padded "`            => `" padded "`
          DATE     => `"2026-11-26 00:00:00"` => `"2026-11-26"`
          DATE     => `"2026-11-26"`          => `"2026-11-26"`
          DATE     => `"2026-11-26 10:00:00"` => `"2026-11-26 10:00:00"`
          DATETIME => `"2026-03-01 09:30:00"` => `"2026-03-01T09:30:00Z"`
          DATETIME => `"2026-03-01"`          => `"2026-03-01T00:00:00Z"`
          DATETIME => `"2026-03-01T09:30:00+01:00"` => `"2026-03-01T08:30:00Z"`
          DATETIME => `"next week"`           => `"next week"`
          DATETIME => `""`                    => null
          INTEGER  => null                    => null
          TEXT     => null                    => null
          INTEGER  => [1]                     => [1]
          """)
  void valuesComeInAsTheRestApisTypes(WireProperties type, String given, String expected) {
    assertThat(in(UTC, type, given)).isEqualTo(expected);
  }

  @Test
  void dateTimesComeInFromTheVersionsZone() {
    assertThat(in(NEW_YORK, WireProperties.DATETIME, "\"2026-03-01 09:30:00\""))
        .isEqualTo("\"2026-03-01T14:30:00Z\"");
    assertThat(in(NEW_YORK, WireProperties.DATETIME, "\"2026-07-01 09:30:00\""))
        .isEqualTo("\"2026-07-01T13:30:00Z\"");
    assertThat(in(NEW_YORK, WireProperties.DATETIME, "\"2026-03-01\""))
        .isEqualTo("\"2026-03-01T05:00:00Z\"");
    assertThat(in(NEW_YORK, WireProperties.DATETIME, "\"2026-03-01T09:30:00Z\""))
        .isEqualTo("\"2026-03-01T09:30:00Z\"");
  }

  @Test
  void anObjectHasItsKnownPropertiesConvertedAndTheOthersLeftAsTheyAre() {
    JsonNode object =
        JSON.readTree(
            """
            {"ownerID":"7","isWon":"1","opportunityName":12,"seats_custom":"12","id":"5"}""");
    assertThat(
            JSON.writeValueAsString(
                UTC.in(
                    object,
                    Map.of(
                        "id", WireProperties.INTEGER,
                        "ownerID", WireProperties.INTEGER,
                        "isWon", WireProperties.BOOLEAN,
                        "opportunityName", WireProperties.TEXT))))
        .isEqualTo(
            """
            {"ownerID":7,"isWon":true,"opportunityName":"12","seats_custom":"12","id":5}""");
    assertThat(UTC.in(JSON.readTree("\"not an object\""), Map.of()))
        .isEqualTo(JSON.readTree("\"not an object\""));
  }

  @Test
  void instantsAreWireDateTimesDatesOrIsoWithOffset() {
    assertThat(NEW_YORK.instant("2026-03-01 09:30:00"))
        .isEqualTo(Instant.parse("2026-03-01T14:30:00Z"));
    assertThat(NEW_YORK.instant("2026-03-01")).isEqualTo(Instant.parse("2026-03-01T05:00:00Z"));
    assertThat(NEW_YORK.instant("2026-03-01T09:30:00+01:00"))
        .isEqualTo(Instant.parse("2026-03-01T08:30:00Z"));
    assertThat(NEW_YORK.instant("2026-03-01T09:30:00")).isNull();
    assertThat(NEW_YORK.instant("2026-13-01 09:30:00")).isNull();
    assertThat(NEW_YORK.instant("soon")).isNull();
  }

  static final String REST =
      """
      {"id":51,"dealStageID":2,"opportunityName":"Acme","probability":12.5,"amount":1500.50,
       "isClosed":false,"isWon":true,"accountID":null,"closeDate":"2026-12-31T00:00:00Z",
       "createTimestamp":"2026-03-01T09:30:00.123456Z","updateTimestamp":"2026-07-01T23:59:59Z",
       "renewal_on":"2027-12-31","note":"2026-03-01T09:30:00Z"}""";

  static final Set<String> DATE_TIMES = Set.of("closeDate", "createTimestamp", "updateTimestamp");

  @Test
  void rowsAreStringsWithDateTimesInUtcForV12() {
    assertThat(JSON.writeValueAsString(UTC.out(JSON.readTree(REST), DATE_TIMES)))
        .isEqualTo(
            """
            {"id":"51","dealStageID":"2","opportunityName":"Acme","probability":"12.5",\
            "amount":"1500.50","isClosed":"0","isWon":"1","accountID":null,\
            "closeDate":"2026-12-31 00:00:00","createTimestamp":"2026-03-01 09:30:00",\
            "updateTimestamp":"2026-07-01 23:59:59","renewal_on":"2027-12-31",\
            "note":"2026-03-01T09:30:00Z"}""");
  }

  @Test
  void rowsHaveDateTimesInTheConfiguredZoneForV1() {
    assertThat(JSON.writeValueAsString(NEW_YORK.out(JSON.readTree(REST), DATE_TIMES)))
        .isEqualTo(
            """
            {"id":"51","dealStageID":"2","opportunityName":"Acme","probability":"12.5",\
            "amount":"1500.50","isClosed":"0","isWon":"1","accountID":null,\
            "closeDate":"2026-12-30 19:00:00","createTimestamp":"2026-03-01 04:30:00",\
            "updateTimestamp":"2026-07-01 19:59:59","renewal_on":"2027-12-31",\
            "note":"2026-03-01T09:30:00Z"}""");
  }
}
