package com.leadgencrm.opportunities.limits;

import com.leadgencrm.opportunities.core.Overloaded;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * At most {@code permits} runs of one kind of work at once, and at most {@code queue} more waiting
 * for their turn (first come, first served), each for at most {@code maxWait}. Work that finds the
 * waiting room full, or waits its limit out, is refused at once with {@link Overloaded}: a client
 * is told to come back instead of being queued without end.
 *
 * <p>Work that already holds a database connection (it runs inside a transaction) never waits: it
 * would hold the connection while it waits, and keeping connections free for other work is what a
 * bulkhead in front of the database is for. It runs if a permit is free, else it is refused.
 *
 * <p>One class for every bulkhead of the service: the heavy reads ({@link
 * com.leadgencrm.opportunities.core.HeavyRead}) and the requests in flight are two instances.
 */
public final class Bulkhead {

  /** What a refused client is told to wait before it retries. */
  static final long RETRY_AFTER_SECONDS = 1;

  private final String name;
  private final String busy;
  private final int permits;
  private final int queue;
  private final Duration maxWait;
  private final Semaphore running;
  private final AtomicInteger waiting = new AtomicInteger();
  private final AtomicLong refused = new AtomicLong();

  /**
   * @param name what the bulkhead holds, for metrics and logs ("heavy reads")
   * @param busy the start of what a refused client is told ("Too many lists and searches are
   *     running")
   */
  public Bulkhead(String name, String busy, int permits, int queue, Duration maxWait) {
    if (permits < 1 || queue < 0 || maxWait.isNegative()) {
      throw new IllegalArgumentException(
          "A bulkhead needs at least one permit, and no negative queue or wait: " + name);
    }
    this.name = name;
    this.busy = busy;
    this.permits = permits;
    this.queue = queue;
    this.maxWait = maxWait;
    this.running = new Semaphore(permits, true);
  }

  /** A permit to run: close it when the work is done (once; closing again does nothing). */
  public static final class Permit implements AutoCloseable {

    /** Work that needs no permit of any bulkhead: holds nothing. */
    public static final Permit NONE = new Permit(new Semaphore(0), false);

    private final Semaphore running;
    private final AtomicBoolean open;

    private Permit(Semaphore running) {
      this(running, true);
    }

    private Permit(Semaphore running, boolean open) {
      this.running = running;
      this.open = new AtomicBoolean(open);
    }

    @Override
    public void close() {
      if (open.compareAndSet(true, false)) {
        running.release();
      }
    }
  }

  /**
   * Takes a permit, waiting for one if the waiting room has space (and the caller holds no
   * connection).
   *
   * @throws Overloaded when there is no room, or no permit came within the wait limit
   */
  public Permit enter() {
    try {
      // no barging past those already waiting: tryAcquire() without a timeout would
      if (running.tryAcquire(0, TimeUnit.NANOSECONDS)) {
        return new Permit(running);
      }
      if (queue == 0 || TransactionSynchronizationManager.isActualTransactionActive()) {
        throw refuse();
      }
      if (waiting.incrementAndGet() > queue) {
        waiting.decrementAndGet();
        throw refuse();
      }
      try {
        if (running.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
          return new Permit(running);
        }
      } finally {
        waiting.decrementAndGet();
      }
      throw refuse();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw refuse();
    }
  }

  private Overloaded refuse() {
    refused.incrementAndGet();
    return new Overloaded(
        busy + " (" + permits + " at once); retry after " + RETRY_AFTER_SECONDS + " s",
        RETRY_AFTER_SECONDS);
  }

  public String name() {
    return name;
  }

  /** Runs holding a permit now. */
  public int running() {
    return permits - running.availablePermits();
  }

  /** Runs waiting for a permit now. */
  public int waiting() {
    return waiting.get();
  }

  /** Runs refused since the start. */
  public long refused() {
    return refused.get();
  }
}
