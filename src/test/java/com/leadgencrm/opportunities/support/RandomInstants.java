package com.leadgencrm.opportunities.support;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded instants for tests that compare a text of them with {@code java.time}'s own: years 0001 to
 * 9999 (what clients may write), with fractions of every length a text can have (none, a tenth,
 * hundredths, milliseconds, microseconds, nanoseconds), cut to a precision.
 */
public final class RandomInstants {

  private static final long FIRST = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
  private static final long BEYOND = Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond();

  private RandomInstants() {}

  /** {@code count} instants from {@code seed}, truncated to {@code precision}. */
  public static List<Instant> of(long seed, int count, ChronoUnit precision) {
    Random random = new Random(seed);
    List<Instant> instants = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long seconds = random.nextLong(FIRST, BEYOND);
      int nano =
          switch (i % 6) {
            case 0 -> 0;
            case 1 -> random.nextInt(10) * 100_000_000;
            case 2 -> random.nextInt(100) * 10_000_000;
            case 3 -> random.nextInt(1_000) * 1_000_000;
            case 4 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
          };
      instants.add(Instant.ofEpochSecond(seconds, nano).truncatedTo(precision));
    }
    return instants;
  }
}
