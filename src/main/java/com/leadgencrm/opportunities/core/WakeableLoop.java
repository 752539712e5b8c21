package com.leadgencrm.opportunities.core;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;

/**
 * The body of a background loop: a step run when {@link #wakeUp() woken up} or after an interval at
 * the latest, on and on while its owner says it runs, until its thread is interrupted. A failed
 * step is logged (one warning each 10 seconds at most) and the loop goes on. Steps are at least a
 * minimum gap apart: wake-ups that come meanwhile (a commit each, under load) make one step.
 */
public final class WakeableLoop {

  private final Semaphore wakeUp = new Semaphore(0);
  private final Duration interval;
  private final Duration minimumGap;
  private final Runnable step;
  private final Logger log;
  private final String failure;
  private volatile long lastFailureLog;

  /**
   * @param failure the warning of a failed step, with a {@code {}} for the failure
   */
  public WakeableLoop(
      Duration interval, Duration minimumGap, Runnable step, Logger log, String failure) {
    this.interval = interval;
    this.minimumGap = minimumGap;
    this.step = step;
    this.log = log;
    this.failure = failure;
  }

  /** Asks the loop to run its step now (once, however often it is asked meanwhile). */
  public void wakeUp() {
    if (wakeUp.availablePermits() == 0) {
      wakeUp.release();
    }
  }

  /** Runs the loop on the calling thread while {@code running} holds. */
  public void run(BooleanSupplier running) {
    while (running.getAsBoolean()) {
      try {
        wakeUp.tryAcquire(interval.toMillis(), TimeUnit.MILLISECONDS);
        wakeUp.drainPermits();
        step.run();
        if (!minimumGap.isZero()) {
          Thread.sleep(minimumGap.toMillis());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        long now = System.currentTimeMillis();
        if (now - lastFailureLog > 10_000) {
          lastFailureLog = now;
          log.warn(failure, e.toString());
        }
      }
    }
  }
}
