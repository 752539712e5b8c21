package com.leadgencrm.opportunities.webhook;

import com.leadgencrm.opportunities.core.Caller;
import com.leadgencrm.opportunities.core.WakeableLoop;
import com.leadgencrm.opportunities.event.EventLog;
import com.leadgencrm.opportunities.event.EventProperties;
import com.leadgencrm.opportunities.event.EventTypes;
import com.leadgencrm.opportunities.event.EventsSequenced;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers events to webhook endpoints, off the request path, on every instance.
 *
 * <p>An instance leases an endpoint that has work (new events past its position, or deliveries due)
 * with {@code FOR UPDATE SKIP LOCKED}; while it holds the lease no other instance touches the
 * endpoint, so each attempt is made by one instance. Holding it, the instance turns the endpoint's
 * new events into deliveries (the fan-out) and makes the due attempts ({@link DeliveryAttempts}), a
 * few at a time, then gives the endpoint back. An instance serves a bounded number of endpoints at
 * once, each on its own thread with its own bounded concurrency, so a slow or dead endpoint only
 * ever holds its own thread: the others go on. A lease that its instance did not give back (it
 * died) expires, and another instance takes over; what was in flight is attempted again (at least
 * once).
 *
 * <p>Time comes from the {@link Clock} bean, so the retry schedule is tested by moving a clock.
 */
@Component
class WebhookDispatcher implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

  /** Event ids one fan-out step covers. */
  static final int FAN_OUT_STEP = 2000;

  /**
   * Deliveries one round of attempts takes on: what they came to is recorded in one transaction per
   * round, so a healthy receiver is not held back by a round trip to the database per few events.
   */
  static final int DUE_PER_ROUND = 200;

  /**
   * While an endpoint is active, every commit with events wakes the loop: under a stream of writes,
   * one look for endpoints with work per 10 ms serves them as well as one per commit, at a fraction
   * of the statements.
   */
  static final Duration STEP_GAP = Duration.ofMillis(10);

  private final WebhookRepository webhooks;
  private final DeliveryRepository deliveries;
  private final DeliveryAttempts attempts;
  private final EventLog feed;
  private final EventProperties events;
  private final WebhookProperties properties;
  private final Clock clock;
  private final TransactionTemplate transactions;
  private final UUID instance = UUID.randomUUID();
  private final WakeableLoop wakeable;
  private final Semaphore endpointSlots;
  private volatile @Nullable ExecutorService loop;
  private volatile @Nullable ExecutorService endpointThreads;
  private volatile @Nullable ExecutorService attemptThreads;

  /** Whether an endpoint was active at the last look, at most a poll interval ago. */
  private volatile boolean endpointsActive = true;

  /** When the loop looks again ({@link System#nanoTime()}); the loop's thread alone uses it. */
  private long nextLookForActive = System.nanoTime();

  WebhookDispatcher(
      WebhookRepository webhooks,
      DeliveryRepository deliveries,
      DeliveryAttempts attempts,
      EventLog feed,
      EventProperties events,
      WebhookProperties properties,
      Clock clock,
      PlatformTransactionManager transactionManager) {
    this.webhooks = webhooks;
    this.deliveries = deliveries;
    this.attempts = attempts;
    this.feed = feed;
    this.events = events;
    this.properties = properties;
    this.clock = clock;
    this.transactions = new TransactionTemplate(transactionManager);
    this.endpointSlots = new Semaphore(properties.endpoints());
    this.wakeable =
        new WakeableLoop(
            properties.pollInterval(),
            STEP_GAP,
            this::leaseAndServe,
            log,
            "Webhook dispatch failed (will retry): {}");
  }

  /**
   * Newly numbered events: endpoints may have work, if there are any. Without an active endpoint a
   * commit wakes nobody, so that writes on a service without webhooks cost no statement here; an
   * endpoint made active on another instance is seen at the next look (a poll interval at most).
   */
  @EventListener
  void onSequenced(EventsSequenced sequenced) {
    if (endpointsActive) {
      wakeable.wakeUp();
    }
  }

  /** An endpoint changed on this instance (created, updated, replayed): look for work now. */
  void wakeUp() {
    endpointsActive = true;
    wakeable.wakeUp();
  }

  private void runLoop() {
    wakeable.run(this::isRunning);
  }

  private void leaseAndServe() {
    long now = System.nanoTime();
    if (now - nextLookForActive >= 0) {
      nextLookForActive = now + properties.pollInterval().toNanos();
      endpointsActive = webhooks.anyActive();
    }
    if (!endpointsActive) {
      return;
    }
    int free = endpointSlots.availablePermits();
    ExecutorService threads = endpointThreads;
    if (free == 0 || threads == null) {
      return;
    }
    Instant at = clock.instant();
    List<Long> leased = webhooks.lease(instance, free, at, at.plus(properties.lease()));
    for (long id : leased) {
      endpointSlots.acquireUninterruptibly();
      threads.execute(
          () -> {
            try {
              serve(id);
            } catch (RuntimeException e) {
              log.warn("Serving webhook {} failed: {}", id, e.toString());
            } finally {
              try {
                webhooks.release(id, instance, clock.instant());
              } catch (RuntimeException e) {
                log.warn("Could not give back the lease of webhook {}: {}", id, e.toString());
              }
              endpointSlots.release();
              wakeUp();
            }
          });
    }
  }

  /** Works for one leased endpoint: fan-out and due attempts, until done or its turn is over. */
  void serve(long webhookId) {
    long turnEnds = System.nanoTime() + properties.workPerLease().toNanos();
    while (isRunning()) {
      Optional<Webhook> found = webhooks.find(webhookId);
      if (found.isEmpty() || !found.get().isActive()) {
        return;
      }
      Webhook webhook = found.get();
      boolean fannedOut = fanOut(webhook);
      Instant now = clock.instant();
      // a round stops sending at its first failure (DeliveryAttempts), so against a receiver that
      // never answers it takes about one timeout however many are due: well within the lease
      List<DeliveryRepository.Due> due = deliveries.due(webhookId, now, DUE_PER_ROUND);
      ExecutorService threads = attemptThreads;
      if (!due.isEmpty() && threads != null) {
        attempts.attempt(webhook, due, threads);
      } else if (!fannedOut) {
        return;
      }
      if (System.nanoTime() > turnEnds
          || !webhooks.renew(webhookId, instance, clock.instant().plus(properties.lease()))) {
        return;
      }
    }
  }

  /** Turns the endpoint's next events into deliveries; false when it had none to look at. */
  private boolean fanOut(Webhook webhook) {
    long from = Math.max(webhook.eventCursor(), feed.start());
    long head = feed.head();
    if (from >= head) {
      return false;
    }
    long to = Math.min(head, from + FAN_OUT_STEP);
    List<EventLog.EventRef> matching = feed.matching(from, to, EventTypes.names(webhook.types()));
    Instant now = clock.instant();
    transactions.executeWithoutResult(
        status -> {
          if (!matching.isEmpty()) {
            deliveries.enqueue(webhook.id(), matching, now);
          }
          // a replay that moved the position meanwhile wins: its events come next
          webhooks.advance(webhook.id(), webhook.eventCursor(), to);
        });
    return true;
  }

  /** Forgets finished deliveries (and their attempts) as old as the feed's retention. */
  @Scheduled(initialDelayString = "PT2M", fixedDelayString = "PT10M")
  void forgetOldDeliveries() {
    try {
      Instant horizon = clock.instant().minus(events.retention());
      while (deliveries.forgetBefore(horizon) > 0) {
        // in chunks, each a short transaction of its own
      }
    } catch (RuntimeException e) {
      log.warn("Could not forget old webhook deliveries: {}", e.toString());
    }
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      // deliveries are the service's own work: they read the feed as the system actor
      Thread thread =
          new Thread(
              () ->
                  Caller.runAsSystem(
                      () -> {
                        runnable.run();
                        return null;
                      }),
              prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public void start() {
    endpointThreads =
        Executors.newFixedThreadPool(properties.endpoints(), named("webhook-endpoint-"));
    attemptThreads =
        Executors.newFixedThreadPool(
            properties.endpoints() * properties.concurrencyPerEndpoint(),
            named("webhook-attempt-"));
    ExecutorService executor = Executors.newSingleThreadExecutor(named("webhook-dispatcher-"));
    loop = executor;
    executor.execute(this::runLoop);
  }

  @Override
  public void stop() {
    ExecutorService executor = loop;
    loop = null;
    for (ExecutorService threads : new ExecutorService[] {executor, endpointThreads}) {
      if (threads != null) {
        threads.shutdown();
      }
    }
    try {
      // endpoints in their turn finish their attempts (at most a timeout) and give back their lease
      ExecutorService endpoints = endpointThreads;
      if (endpoints != null
          && !endpoints.awaitTermination(
              properties.timeout().toMillis() + 5000, TimeUnit.MILLISECONDS)) {
        endpoints.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ExecutorService attempts = attemptThreads;
    if (attempts != null) {
      attempts.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return loop != null;
  }
}
