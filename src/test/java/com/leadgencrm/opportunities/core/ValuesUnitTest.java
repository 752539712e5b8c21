package com.leadgencrm.opportunities.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The strict conversions of plain values: a string is never a number, a number never a flag. */
class ValuesUnitTest {

  static final String INSTANT =
      "must be a date-time with offset such as 2026-12-31T17:00:00Z, or a date such as 2026-12-31";

  @Test
  void aStringIsAString() throws Exception {
    assertThat(Values.string("Acme")).isEqualTo("Acme");
    assertThatThrownBy(() -> Values.string(12L)).hasMessage("must be a string");
    assertThatThrownBy(() -> Values.string(null)).hasMessage("must be a string");
  }

  @Test
  void textPostgresqlCannotStoreIsRefused() {
    assertThatThrownBy(() -> Values.string("a\u0000b"))
        .hasMessage("must not contain NUL characters");
    assertThatThrownBy(() -> Values.string("a\uD800b"))
        .hasMessage("must be valid Unicode text (it holds an unpaired surrogate)");
    assertThatThrownBy(() -> Values.string("\uDC00"))
        .hasMessage("must be valid Unicode text (it holds an unpaired surrogate)");
    assertThat(Values.isValidText("emoji \uD83D\uDE00")).isTrue();
    assertThat(Values.isValidText("\uD83D")).isFalse();
  }

  @Test
  void aFlagIsTrueOrFalseNeverOneOrZero() throws Exception {
    assertThat(Values.bool(true)).isTrue();
    assertThatThrownBy(() -> Values.bool(1L)).hasMessage("must be true or false");
    assertThatThrownBy(() -> Values.bool("true")).hasMessage("must be true or false");
  }

  @Test
  void anIntegerMustBeWithinItsRange() throws Exception {
    assertThat(Values.integer(5L, 1, 9)).isEqualTo(5L);
    assertThatThrownBy(() -> Values.integer(0L, 1, 9)).hasMessage("must be an integer from 1 to 9");
    assertThatThrownBy(() -> Values.integer("5", 1, 9))
        .hasMessage("must be an integer from 1 to 9");
    assertThatThrownBy(() -> Values.integer(new BigDecimal("5.0"), 1, 9))
        .hasMessage("must be an integer from 1 to 9");
    assertThatThrownBy(() -> Values.integer(new BigInteger("99999999999999999999"), 1, 9))
        .hasMessage("must be an integer from 1 to 9");
  }

  @Test
  void aDecimalIsAnyNumberOfBoundedSize() throws Exception {
    assertThat(Values.decimal(12L)).isEqualTo(new BigDecimal("12"));
    assertThat(Values.decimal(new BigDecimal("1500.50"))).isEqualTo(new BigDecimal("1500.50"));
    assertThat(Values.decimal(new BigInteger("12345678901234567890")))
        .isEqualTo(new BigDecimal("12345678901234567890"));
    assertThatThrownBy(() -> Values.decimal("12")).hasMessage("must be a number");
    assertThatThrownBy(() -> Values.decimal(Values.STRUCTURED)).hasMessage("must be a number");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"1e-99999999", "1e99999999", "0.00000000000000000000000000000000000000001"})
  void aNumberOfMoreThanFortyDigitsEitherSideIsOutOfRange(String number) {
    assertThatThrownBy(() -> Values.decimal(new BigDecimal(number)))
        .hasMessage("is out of range (at most 40 digits before and after the decimal point)");
  }

  @Test
  void fortyDigitsEitherSideAreInRange() throws Exception {
    String forty = "1234567890123456789012345678901234567890";
    assertThat(Values.decimal(new BigDecimal(forty + "." + forty)).toPlainString())
        .isEqualTo(forty + "." + forty);
  }

  @Test
  void aDateIsAnIsoCalendarDateOfYearsOneTo9999() throws Exception {
    assertThat(Values.date("2026-12-31")).isEqualTo(LocalDate.of(2026, 12, 31));
    assertThatThrownBy(() -> Values.date("2026-02-30"))
        .hasMessage("must be a date such as 2026-12-31");
    assertThatThrownBy(() -> Values.date("31.12.2026"))
        .hasMessage("must be a date such as 2026-12-31");
    assertThatThrownBy(() -> Values.date(20261231L))
        .hasMessage("must be a date such as 2026-12-31");
    assertThatThrownBy(() -> Values.date("0000-01-01"))
        .hasMessage("must be a date such as 2026-12-31 (years 1 to 9999)");
  }

  @Test
  void anInstantIsADateTimeWithOffsetOrADateAtMidnightUtc() throws Exception {
    assertThat(Values.instant("2026-12-31T17:00:00+01:00"))
        .isEqualTo(Instant.parse("2026-12-31T16:00:00Z"));
    assertThat(Values.instant("2026-12-31T17:00:00.123456Z"))
        .isEqualTo(Instant.parse("2026-12-31T17:00:00.123456Z"));
    assertThat(Values.instant("2026-12-31")).isEqualTo(Instant.parse("2026-12-31T00:00:00Z"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-12-31T17:00:00", "2026-12-31 17:00:00", "tomorrow", ""})
  void anInstantWithoutOffsetIsRefused(String text) {
    assertThatThrownBy(() -> Values.instant(text)).hasMessage(INSTANT);
  }

  @Test
  void anInstantBeyondYear9999IsRefused() {
    assertThatThrownBy(() -> Values.instant("+10000-01-01T00:00:00Z"))
        .hasMessage(INSTANT + " (years 1 to 9999)");
    assertThatThrownBy(() -> Values.instant((Object) 1767225600L)).hasMessage(INSTANT);
  }
}
