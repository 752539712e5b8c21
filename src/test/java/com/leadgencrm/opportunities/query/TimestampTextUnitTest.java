package com.leadgencrm.opportunities.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.support.RandomInstants;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** PostgreSQL's text of a timestamptz in UTC, made the instant's text JSON writes. */
class TimestampTextUnitTest {

  static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

  /** As PostgreSQL writes it: microseconds without their trailing zeros, none when zero. */
  static String postgres(Instant instant) {
    LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    String fraction = String.format("%06d", t.getNano() / 1000).replaceAll("0+$", "");
    return SECONDS.format(t) + (fraction.isEmpty() ? "" : "." + fraction) + "+00";
  }

  @Test
  void theTextIsInstantToString() {
    for (Instant instant : RandomInstants.of(17, 100_000, ChronoUnit.MICROS)) {
      String text = postgres(instant);
      assertThat(TimestampText.iso(text)).as(text).isEqualTo(instant.toString());
    }
    assertThat(TimestampText.iso("2026-04-21 11:32:19.28+00"))
        .isEqualTo("2026-04-21T11:32:19.280Z");
    assertThat(TimestampText.iso("2026-04-21 11:32:19.8741+00"))
        .isEqualTo("2026-04-21T11:32:19.874100Z");
  }

  @Test
  void anyOtherTextIsNotReadHere() {
    assertThat(TimestampText.iso("2026-04-21 11:32:19.874+01")).isNull();
    assertThat(TimestampText.iso("2026-04-21 11:32:19.874-08")).isNull();
    assertThat(TimestampText.iso("2026-04-21 11:32:19+05:30")).isNull();
    assertThat(TimestampText.iso("0044-03-15 12:00:00+00 BC")).isNull();
    assertThat(TimestampText.iso("10000-01-01 00:00:00+00")).isNull();
    assertThat(TimestampText.iso("infinity")).isNull();
    assertThat(TimestampText.iso("-infinity")).isNull();
    assertThat(TimestampText.iso("2026-04-21 11:32:19.+00")).isNull();
    assertThat(TimestampText.iso("2026-04-21 11:32:19.2800+00")).isNull();
    assertThat(TimestampText.iso("2026-04-21T11:32:19+00")).isNull();
  }
}
