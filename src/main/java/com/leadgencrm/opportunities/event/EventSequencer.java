package com.leadgencrm.opportunities.event;

import com.leadgencrm.opportunities.core.WakeableLoop;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives committed events their place in the feed. Write paths record events in {@code
 * event_pending} within their own transactions; this moves the committed ones into {@code event},
 * numbering them after the highest id handed out so far.
 *
 * <p>Why this keeps the feed gap-free: a run locks the {@code sequenced} position row first, so
 * runs on all instances happen one at a time, and each run commits before the next one can start.
 * So ids become visible in increasing order, a run's ids all at once: a reader that sees an id also
 * sees every smaller one, and a cursor handed out never has an event appear behind it. A
 * transaction still open (for a minute, say) is invisible to the run, so it holds nothing back: its
 * events are numbered by the first run after it commits, after everything committed meanwhile. A
 * rolled-back transaction leaves nothing pending, so there is no hole to wait for.
 */
@Component
class EventSequencer implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(EventSequencer.class);

  /** Events numbered by one transaction: bounds its duration under a backlog. */
  static final int CHUNK = 5000;

  private final JdbcClient jdbc;
  private final EventLog feed;
  private final TransactionTemplate transactions;
  private final EventProperties properties;
  private final ApplicationEventPublisher publisher;
  private final WakeableLoop wakeable;
  private volatile @Nullable ScheduledExecutorService loop;

  EventSequencer(
      JdbcClient jdbc,
      EventLog feed,
      PlatformTransactionManager transactionManager,
      EventProperties properties,
      ApplicationEventPublisher publisher) {
    this.jdbc = jdbc;
    this.feed = feed;
    this.transactions = new TransactionTemplate(transactionManager);
    this.properties = properties;
    this.publisher = publisher;
    this.wakeable =
        new WakeableLoop(
            properties.sequencerInterval(),
            this::catchUp,
            log,
            "Could not number committed events (will retry): {}");
  }

  /**
   * Numbers every event committed before this call: after it returns, the feed holds them (which is
   * what a reader needs to see its own writes).
   *
   * @return the highest id handed out, or -1 when nothing was pending
   */
  long catchUp() {
    // by the index, not a scan: a busy queue table holds many dead rows until it is vacuumed, and
    // a scan reads them all on every feed read (50 ms per page of the feed after a burst of writes)
    if (jdbc.sql("select seq from event_pending order by seq limit 1")
        .query(Long.class)
        .optional()
        .isEmpty()) {
      return -1;
    }
    long head;
    int moved;
    int total = 0;
    do {
      long[] result = transactions.execute(status -> moveChunk());
      head = result[0];
      moved = (int) result[1];
      total += moved;
    } while (moved == CHUNK);
    if (total > 0) {
      publisher.publishEvent(new EventsSequenced(head));
    }
    return head;
  }

  /** One run: returns the new highest id and how many events it numbered. */
  private long[] moveChunk() {
    long last = feed.lockPosition("sequenced");
    // a statement after the lock: its snapshot sees every run that committed before this one
    int moved =
        jdbc.sql(
                """
                with moved as (
                  delete from event_pending
                   where seq in (select seq from event_pending order by seq limit :chunk)
                  returning *)
                insert into event (id, type, aggregate_type, aggregate_id, opportunity_id,
                                   owner_before, owner_after, occurred_at, transaction_id, payload)
                select :last + row_number() over (order by seq), type, aggregate_type,
                       aggregate_id, opportunity_id, owner_before, owner_after, occurred_at,
                       transaction_id, payload
                  from moved""")
            .param("chunk", CHUNK)
            .param("last", last)
            .update();
    if (moved > 0) {
      feed.move("sequenced", last + moved);
    }
    return new long[] {last + moved, moved};
  }

  /** Asks the loop to run now: a transaction with events just committed on this instance. */
  void wakeUp() {
    wakeable.wakeUp();
  }

  private void runLoop() {
    ScheduledExecutorService current = loop;
    wakeable.run(() -> current != null && !current.isShutdown());
  }

  @Override
  public void start() {
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "event-sequencer");
              thread.setDaemon(true);
              return thread;
            });
    loop = executor;
    executor.execute(this::runLoop);
  }

  @Override
  public void stop() {
    ScheduledExecutorService executor = loop;
    loop = null;
    if (executor != null) {
      executor.shutdownNow();
      try {
        executor.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return loop != null;
  }
}
