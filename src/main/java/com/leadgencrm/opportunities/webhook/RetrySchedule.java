package com.leadgencrm.opportunities.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * When a failed delivery is tried again: about 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h after
 * the attempts before (the schedule of Standard Webhooks' reference implementation), then it is
 * marked failed: 8 attempts over about 27.6 hours.
 */
final class RetrySchedule {

  static final List<Duration> DELAYS =
      List.of(
          Duration.ofSeconds(5),
          Duration.ofMinutes(5),
          Duration.ofMinutes(30),
          Duration.ofHours(2),
          Duration.ofHours(5),
          Duration.ofHours(10),
          Duration.ofHours(10));

  /** Attempts of one delivery, the first included. */
  static final int ATTEMPTS = DELAYS.size() + 1;

  private RetrySchedule() {}

  /** The wait before the next attempt after this many failed ones; empty when they are used up. */
  static Optional<Duration> after(int failedAttempts) {
    if (failedAttempts < 1 || failedAttempts > DELAYS.size()) {
      return Optional.empty();
    }
    return Optional.of(DELAYS.get(failedAttempts - 1));
  }
}
