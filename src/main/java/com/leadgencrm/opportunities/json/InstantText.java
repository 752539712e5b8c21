package com.leadgencrm.opportunities.json;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ext.javatime.ser.InstantSerializer;

/**
 * Jackson's serializer of instants, writing the text it writes by default ({@link
 * Instant#toString}, ISO-8601 in UTC) without going through {@link
 * java.time.format.DateTimeFormatter}: every opportunity carries four instants, and formatting them
 * was 7% of the CPU of a list of 100 (BENCHMARKS.md, twenty-first round). Years 0000 to 9999 are
 * written here, the others (which {@code toString} writes with a sign) by {@code toString}. An
 * instant with a {@code @JsonFormat} pattern, or written as a number, is written by Jackson's code
 * as before.
 */
final class InstantText extends InstantSerializer {

  /** The first second of year 0000, and of year 10000. */
  private static final long FIRST = -62_167_219_200L;

  private static final long BEYOND = 253_402_300_800L;

  InstantText() {}

  private InstantText(
      InstantText base,
      @Nullable DateTimeFormatter formatter,
      @Nullable Boolean useTimestamp,
      @Nullable Boolean useNanoseconds,
      JsonFormat.@Nullable Shape shape) {
    super(base, formatter, useTimestamp, useNanoseconds, shape);
  }

  // Jackson makes a serializer for each property from this one: it stays this kind

  @Override
  protected InstantText withFormat(
      @Nullable DateTimeFormatter formatter,
      @Nullable Boolean useTimestamp,
      JsonFormat.@Nullable Shape shape) {
    return new InstantText(this, formatter, useTimestamp, _useNanoseconds, shape);
  }

  @Override
  protected InstantText withFeatures(
      @Nullable Boolean writeZoneId, @Nullable Boolean writeNanoseconds) {
    return new InstantText(this, _formatter, _useTimestamp, writeNanoseconds, _shape);
  }

  @Override
  protected String formatValue(Instant value, SerializationContext context) {
    return _formatter == null ? of(value) : super.formatValue(value, context);
  }

  /** {@code value.toString()}. */
  static String of(Instant value) {
    long seconds = value.getEpochSecond();
    if (seconds < FIRST || seconds >= BEYOND) {
      return value.toString();
    }
    LocalDateTime time = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
    int nano = value.getNano();
    char[] text = new char[30];
    digits(text, 0, time.getYear(), 4);
    text[4] = '-';
    digits(text, 5, time.getMonthValue(), 2);
    text[7] = '-';
    digits(text, 8, time.getDayOfMonth(), 2);
    text[10] = 'T';
    digits(text, 11, time.getHour(), 2);
    text[13] = ':';
    digits(text, 14, time.getMinute(), 2);
    text[16] = ':';
    digits(text, 17, time.getSecond(), 2);
    int length = 19;
    if (nano != 0) {
      // as many digits as it takes, in groups of three
      text[length++] = '.';
      if (nano % 1_000_000 == 0) {
        length = digits(text, length, nano / 1_000_000, 3);
      } else if (nano % 1_000 == 0) {
        length = digits(text, length, nano / 1_000, 6);
      } else {
        length = digits(text, length, nano, 9);
      }
    }
    text[length++] = 'Z';
    return new String(text, 0, length);
  }

  /** Writes {@code value} in {@code width} decimal digits at {@code at}; returns where it ends. */
  private static int digits(char[] text, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      text[i] = (char) ('0' + value % 10);
      value /= 10;
    }
    return at + width;
  }
}
