package com.leadgencrm.opportunities.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A value given as a cell ({@link CsvOutput.Rows#cell}, the export's way, no JSON built) is written
 * as the same value read from a resource's JSON representation ({@link CsvOutput.Rows#row}).
 */
class CsvOutputUnitTest {

  static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
          .build();

  record Holder(@Nullable Object value, @Nullable Object again) {}

  static final List<@Nullable Object> VALUES =
      Arrays.asList(
          null,
          "",
          "plain",
          "Comma, Inc.",
          "Say \"hello\"",
          "Two\r\nlines",
          "=HYPERLINK(\"http://evil\",\"x\")",
          "+1",
          "-rebate",
          "@SUM(A1)",
          "\tx",
          "\rx",
          "  spaces  ",
          "Ünïcödé ✓",
          0L,
          -5L,
          Long.MAX_VALUE,
          7,
          BigInteger.TWO.pow(70),
          new BigDecimal("12.50"),
          new BigDecimal("-4.4538"),
          new BigDecimal("1E+3"),
          new BigDecimal("0.000001"),
          new BigDecimal("125000.00"),
          true,
          false,
          Instant.parse("2026-12-31T00:00:00Z"),
          Instant.parse("2026-04-21T11:32:19.874Z"),
          Instant.parse("2026-04-21T11:32:19.874100Z"),
          Instant.parse("2026-04-21T11:32:19.000000001Z"),
          Instant.parse("+10000-01-01T00:00:00Z"),
          Instant.parse("-0001-01-01T00:00:00Z"),
          List.of("a", "b"));

  @Test
  void aCellIsWhatTheJsonRepresentationHolds() {
    // first on its line and after a delimiter
    List<String> columns = List.of("value", "again");
    for (Object value : VALUES) {
      MockHttpServletResponse viaJson = new MockHttpServletResponse();
      CsvOutput.Rows json = new CsvOutput(JSON).open(viaJson);
      json.columns(columns);
      json.row(new Holder(value, value));
      json.finish();

      MockHttpServletResponse viaCell = new MockHttpServletResponse();
      CsvOutput.Rows cells = new CsvOutput(JSON).open(viaCell);
      cells.columns(columns);
      cells.cell(value);
      cells.cell(value);
      cells.endRow();
      cells.finish();

      assertThat(body(viaCell)).as(String.valueOf(value)).isEqualTo(body(viaJson));
    }
  }

  @Test
  void rowsOfCellsAreRfc4180Lines() {
    MockHttpServletResponse response = new MockHttpServletResponse();
    CsvOutput.Rows rows = new CsvOutput(JSON).open(response);
    rows.columns(List.of("id", "name", "amount"));
    List<@Nullable Object> cells = new ArrayList<>(List.of(1L, "Acme, Inc.", "=1"));
    cells.forEach(rows::cell);
    rows.endRow();
    rows.cell(2L);
    rows.cell("");
    rows.cell(null);
    rows.endRow();
    rows.finish();
    assertThat(response.getContentType()).startsWith("text/csv");
    assertThat(body(response)).isEqualTo("id,name,amount\r\n1,\"Acme, Inc.\",'=1\r\n2,,\r\n");
  }

  static String body(MockHttpServletResponse response) {
    try {
      return response.getContentAsString();
    } catch (java.io.UnsupportedEncodingException e) {
      throw new AssertionError(e);
    }
  }
}
