package com.leadgencrm.opportunities.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

  @Test
  void retriesAfter5s5min30min2h5h10h10hThenGivesUp() {
    assertThat(RetrySchedule.after(1)).contains(Duration.ofSeconds(5));
    assertThat(RetrySchedule.after(2)).contains(Duration.ofMinutes(5));
    assertThat(RetrySchedule.after(3)).contains(Duration.ofMinutes(30));
    assertThat(RetrySchedule.after(4)).contains(Duration.ofHours(2));
    assertThat(RetrySchedule.after(5)).contains(Duration.ofHours(5));
    assertThat(RetrySchedule.after(6)).contains(Duration.ofHours(10));
    assertThat(RetrySchedule.after(7)).contains(Duration.ofHours(10));
    assertThat(RetrySchedule.after(8)).isEmpty();
    assertThat(RetrySchedule.ATTEMPTS).isEqualTo(8);
  }
}
