package com.leadgencrm.opportunities.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The service's clock in tests: the real time, moved forward on demand, so schedules measured in
 * hours and days (webhook retries, retention) are tested without waiting for them. Tests that move
 * it put it back ({@link #reset()}).
 */
public class TestClock extends Clock {

  private volatile Duration offset = Duration.ZERO;

  /** Moves the clock forward (or back, with a negative duration). */
  public void advance(Duration duration) {
    offset = offset.plus(duration);
  }

  /** Back to the real time. */
  public void reset() {
    offset = Duration.ZERO;
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(offset);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("The service's clock is UTC");
  }

  /** Replaces the service's clock in the test context. */
  @TestConfiguration(proxyBeanMethods = false)
  public static class Configuration {
    @Bean
    @Primary
    TestClock testClock() {
      return new TestClock();
    }
  }
}
