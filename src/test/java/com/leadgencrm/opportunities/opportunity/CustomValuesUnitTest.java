package com.leadgencrm.opportunities.opportunity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leadgencrm.opportunities.core.Values.TypeMismatch;
import com.leadgencrm.opportunities.field.DataType;
import com.leadgencrm.opportunities.field.FieldRef;
import com.leadgencrm.opportunities.support.RandomInstants;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Custom-field values: what clients may write for each data type, the stored form, the form they
 * read, and the conversion of stored values when a field's type changes.
 */
class CustomValuesUnitTest {

  static final ValidatorFactory VALIDATION = Validation.buildDefaultValidatorFactory();
  static final CustomValues VALUES = new CustomValues(VALIDATION.getValidator());

  @AfterAll
  static void close() {
    VALIDATION.close();
  }

  static FieldRef field(DataType type, int length) {
    return new FieldRef(1, "opportunity", "custom", type, length, false, true, true, false);
  }

  static FieldRef field(DataType type) {
    return field(type, type.defaultLength());
  }

  static String refusal(FieldRef field, Object value) {
    try {
      VALUES.stored(field, value);
    } catch (TypeMismatch e) {
      return e.getMessage();
    }
    throw new AssertionError("accepted: " + value);
  }

  @Test
  void textIsAStringOfAtMostDataLengthCharacters() throws Exception {
    assertThat(VALUES.stored(field(DataType.TEXT, 6), "annual")).isEqualTo("annual");
    assertThat(refusal(field(DataType.TEXT, 5), "annual"))
        .isEqualTo("must be at most 5 characters long");
    // characters, not UTF-16 units: an emoji is one
    assertThat(VALUES.stored(field(DataType.TEXT, 5), "ab\uD83D\uDE00cd"))
        .isEqualTo("ab\uD83D\uDE00cd");
    assertThat(refusal(field(DataType.TEXT), 12L)).isEqualTo("must be a string");
  }

  @Test
  void emailsUrlsAndPhoneNumbersHaveTheirShape() throws Exception {
    assertThat(VALUES.stored(field(DataType.EMAIL), "sales@example.com"))
        .isEqualTo("sales@example.com");
    assertThat(refusal(field(DataType.EMAIL), "sales at example"))
        .isEqualTo("must be an email address");
    assertThat(refusal(field(DataType.EMAIL), "")).isEqualTo("must be an email address");
    assertThat(VALUES.stored(field(DataType.URL), "https://example.com/a"))
        .isEqualTo("https://example.com/a");
    assertThat(refusal(field(DataType.URL), "ftp://example.com"))
        .isEqualTo("must be an http or https URL");
    assertThat(VALUES.stored(field(DataType.PHONE), "+1 (555) 010-2030 ext. 12"))
        .isEqualTo("+1 (555) 010-2030 ext. 12");
    assertThat(refusal(field(DataType.PHONE), "12"))
        .isEqualTo(
            "must be a phone number: digits, spaces and + ( ) - . /, optionally an extension");
    assertThat(refusal(field(DataType.PHONE), "call me"))
        .isEqualTo(
            "must be a phone number: digits, spaces and + ( ) - . /, optionally an extension");
  }

  @Test
  void integersNumbersAndFlagsAreStrict() throws Exception {
    assertThat(VALUES.stored(field(DataType.INTEGER), 12L)).isEqualTo(12L);
    assertThat(refusal(field(DataType.INTEGER), "12"))
        .isEqualTo("must be an integer from -999999999999999999 to 999999999999999999");
    assertThat(refusal(field(DataType.INTEGER), 1_000_000_000_000_000_000L))
        .isEqualTo("must be an integer from -999999999999999999 to 999999999999999999");
    assertThat(VALUES.stored(field(DataType.NUMBER), new BigDecimal("1.50")))
        .isEqualTo(new BigDecimal("1.50"));
    assertThat(refusal(field(DataType.NUMBER), "1.5")).isEqualTo("must be a number");
    assertThat(VALUES.stored(field(DataType.BOOLEAN), true)).isEqualTo(true);
    assertThat(refusal(field(DataType.BOOLEAN), 1L)).isEqualTo("must be true or false");
  }

  @Test
  void datesAreStoredAsDatesAndDateTimesAsFixedWidthUtc() throws Exception {
    assertThat(VALUES.stored(field(DataType.DATE), "2027-12-31")).isEqualTo("2027-12-31");
    assertThat(refusal(field(DataType.DATE), "2027-12-31T00:00:00Z"))
        .isEqualTo("must be a date such as 2026-12-31");
    assertThat(VALUES.stored(field(DataType.DATETIME), "2026-12-31T17:00:00+01:00"))
        .isEqualTo("2026-12-31T16:00:00.000000Z");
    assertThat(VALUES.stored(field(DataType.DATETIME), "2026-12-31"))
        .isEqualTo("2026-12-31T00:00:00.000000Z");
  }

  @Test
  void storedDateTimesAreReadAsIsoInstants() {
    assertThat(VALUES.readable(field(DataType.DATETIME), "2026-12-31T16:00:00.000000Z"))
        .isEqualTo("2026-12-31T16:00:00Z");
    assertThat(VALUES.readable(field(DataType.DATETIME), "2026-12-31T16:00:00.123400Z"))
        .isEqualTo("2026-12-31T16:00:00.123400Z");
    assertThat(VALUES.readable(field(DataType.INTEGER), 12L)).isEqualTo(12L);
  }

  @Test
  void everyStoredDateTimeReadsAsTheInstantsOwnText() throws Exception {
    for (Instant instant : RandomInstants.of(21, 100_000, ChronoUnit.MICROS)) {
      Object stored = VALUES.stored(field(DataType.DATETIME), instant.toString());
      assertThat(VALUES.readable(field(DataType.DATETIME), stored))
          .as("%s", stored)
          .isEqualTo(instant.toString());
    }
    // a form stored otherwise (not by this version) is parsed
    assertThat(VALUES.readable(field(DataType.DATETIME), "2026-12-31T16:00:00Z"))
        .isEqualTo("2026-12-31T16:00:00Z");
    assertThat(VALUES.readable(field(DataType.DATETIME), "2026-12-31T16:00:00.5Z"))
        .isEqualTo("2026-12-31T16:00:00.500Z");
  }

  @Test
  void aTypeChangeConvertsWhatAClientWouldWriteInTheNewType() throws Exception {
    assertThat(VALUES.convert(field(DataType.TEXT), field(DataType.INTEGER), "12")).isEqualTo(12L);
    assertThat(VALUES.convert(field(DataType.TEXT), field(DataType.NUMBER), " 12.50 "))
        .isEqualTo(new BigDecimal("12.50"));
    assertThat(VALUES.convert(field(DataType.INTEGER), field(DataType.TEXT), 12L)).isEqualTo("12");
    assertThat(VALUES.convert(field(DataType.NUMBER), field(DataType.TEXT), new BigDecimal("1.50")))
        .isEqualTo("1.50");
    assertThat(VALUES.convert(field(DataType.BOOLEAN), field(DataType.TEXT), true))
        .isEqualTo("true");
    assertThat(VALUES.convert(field(DataType.TEXT), field(DataType.BOOLEAN), "false"))
        .isEqualTo(false);
    assertThat(
            VALUES.convert(
                field(DataType.DATETIME), field(DataType.DATE), "2026-12-31T00:00:00.000000Z"))
        .isEqualTo("2026-12-31");
    assertThat(VALUES.convert(field(DataType.DATE), field(DataType.DATETIME), "2026-12-31"))
        .isEqualTo("2026-12-31T00:00:00.000000Z");
  }

  @Test
  void aValueThatDoesNotFitTheNewTypeFailsAsAClientsValueWould() {
    assertThatThrownBy(() -> VALUES.convert(field(DataType.TEXT), field(DataType.INTEGER), "many"))
        .hasMessage("must be an integer from -999999999999999999 to 999999999999999999");
    assertThatThrownBy(
            () ->
                VALUES.convert(
                    field(DataType.DATETIME), field(DataType.DATE), "2026-12-31T10:00:00.000000Z"))
        .hasMessage("must be a date such as 2026-12-31");
    assertThatThrownBy(
            () -> VALUES.convert(field(DataType.TEXT), field(DataType.TEXT, 3), "annual"))
        .hasMessage("must be at most 3 characters long");
  }

  @Test
  void aFilterValueIsReadAsTheFieldsTypeWithoutLengthOrFormatRules() throws Exception {
    assertThat(VALUES.filter(field(DataType.INTEGER), "40")).isEqualTo(40L);
    assertThat(VALUES.filter(field(DataType.NUMBER), "1.5")).isEqualTo(new BigDecimal("1.5"));
    assertThat(VALUES.filter(field(DataType.BOOLEAN), "true")).isEqualTo(true);
    assertThat(VALUES.filter(field(DataType.EMAIL, 3), "not an email")).isEqualTo("not an email");
    // an unencoded + of an offset arrives as a space
    assertThat(VALUES.filter(field(DataType.DATETIME), "2026-12-31T17:00:00 01:00"))
        .isEqualTo("2026-12-31T16:00:00.000000Z");
    assertThatThrownBy(() -> VALUES.filter(field(DataType.INTEGER), "forty"))
        .isInstanceOf(TypeMismatch.class);
  }

  @Test
  void numbersReadBackFromStorageAreThePlainValuesTheyWereWrittenAs() {
    assertThat(CustomValues.plain(12)).isEqualTo(12L);
    assertThat(CustomValues.plain(BigInteger.valueOf(12))).isEqualTo(12L);
    assertThat(CustomValues.plain(new BigInteger("12345678901234567890")))
        .isEqualTo(new BigInteger("12345678901234567890"));
    assertThat(CustomValues.plain("x")).isEqualTo("x");
  }
}
