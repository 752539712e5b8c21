package com.leadgencrm.opportunities.webhook;

import com.leadgencrm.opportunities.event.EventLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The attempts of one leased endpoint's due deliveries ({@link WebhookDispatcher} leases and
 * schedules): each a signed POST through {@link WebhookSender}, a bounded number at a time; then,
 * in one transaction, what came of them (the next attempt on the {@link RetrySchedule}, or failed)
 * and the endpoint's health (5 days of nothing but failures deactivate it). Metrics: latency from
 * an event's occurredAt to its delivery, attempt duration, attempts by outcome.
 */
@Component
class DeliveryAttempts {

  private static final Logger log = LoggerFactory.getLogger(DeliveryAttempts.class);

  private final DeliveryRepository deliveries;
  private final WebhookSender sender;
  private final EventLog feed;
  private final WebhookProperties properties;
  private final Clock clock;
  private final TransactionTemplate transactions;
  private final JdbcClient jdbc;
  private final Timer latency;
  private final Timer attemptDuration;
  private final Counter succeeded;
  private final Counter failed;

  DeliveryAttempts(
      DeliveryRepository deliveries,
      WebhookSender sender,
      EventLog feed,
      WebhookProperties properties,
      Clock clock,
      PlatformTransactionManager transactionManager,
      JdbcClient jdbc,
      MeterRegistry meters) {
    this.deliveries = deliveries;
    this.sender = sender;
    this.feed = feed;
    this.properties = properties;
    this.clock = clock;
    this.transactions = new TransactionTemplate(transactionManager);
    this.jdbc = jdbc;
    this.latency =
        Timer.builder("crm.webhooks.delivery.latency")
            .description("From an event's occurredAt to its successful delivery")
            .publishPercentileHistogram()
            .register(meters);
    this.attemptDuration =
        Timer.builder("crm.webhooks.attempt.duration")
            .description("One attempt, until the receiver answered or the timeout")
            .register(meters);
    this.succeeded =
        Counter.builder("crm.webhooks.attempts").tag("outcome", "succeeded").register(meters);
    this.failed =
        Counter.builder("crm.webhooks.attempts").tag("outcome", "failed").register(meters);
  }

  /**
   * Attempts these deliveries in their order, a bounded number at a time, and records what came of
   * them. The first failure ends the round: what was not sent yet stays due, untouched, so a
   * receiver that is down costs about one timeout per round, not one per delivery.
   */
  void attempt(Webhook webhook, List<DeliveryRepository.Due> due, ExecutorService threads) {
    Map<Long, String> bodies =
        feed.json(due.stream().map(DeliveryRepository.Due::eventId).toList());
    Semaphore inFlight = new Semaphore(properties.concurrencyPerEndpoint());
    AtomicBoolean failing = new AtomicBoolean();
    List<CompletableFuture<DeliveryRepository.Outcome>> attempts = new ArrayList<>();
    for (DeliveryRepository.Due delivery : due) {
      inFlight.acquireUninterruptibly();
      if (failing.get()) {
        inFlight.release();
        break;
      }
      attempts.add(
          CompletableFuture.supplyAsync(
                  () -> attemptOne(webhook, delivery, bodies.get(delivery.eventId())), threads)
              .whenComplete(
                  (outcome, failure) -> {
                    if (failure != null || !outcome.status().equals("succeeded")) {
                      failing.set(true);
                    }
                    inFlight.release();
                  }));
    }
    List<DeliveryRepository.Outcome> outcomes =
        attempts.stream().map(CompletableFuture::join).toList();
    Instant now = clock.instant();
    transactions.executeWithoutResult(
        status -> {
          deliveries.record(outcomes, now);
          boolean anySuccess = outcomes.stream().anyMatch(o -> o.status().equals("succeeded"));
          endpointHealth(webhook.id(), anySuccess, now);
        });
  }

  private DeliveryRepository.Outcome attemptOne(
      Webhook webhook, DeliveryRepository.Due delivery, @Nullable String body) {
    Instant at = clock.instant();
    if (body == null) {
      return new DeliveryRepository.Outcome(
          delivery,
          at,
          0,
          null,
          "not sent: the event is past the feed's retention",
          null,
          "failed",
          null);
    }
    WebhookSender.Result result =
        sender.send(
            webhook.url(),
            webhook.signingSecrets(at),
            delivery.eventId(),
            delivery.eventType(),
            body,
            at);
    attemptDuration.record(Duration.ofMillis(result.durationMs()));
    int attempts = delivery.attemptCount() + 1;
    if (result.succeeded()) {
      succeeded.increment();
      // an event stamped by an instance whose clock is ahead (or a test clock moved back) would
      // make a negative latency, which the timer refuses with a warning: it is left out
      occurredAt(body)
          .map(occurred -> Duration.between(occurred, clock.instant()))
          .filter(latencyOfThis -> !latencyOfThis.isNegative())
          .ifPresent(latency::record);
      return new DeliveryRepository.Outcome(
          delivery,
          at,
          result.durationMs(),
          result.statusCode(),
          null,
          result.responseBody(),
          "succeeded",
          null);
    }
    failed.increment();
    Optional<Duration> retry = RetrySchedule.after(attempts);
    return new DeliveryRepository.Outcome(
        delivery,
        at,
        result.durationMs(),
        result.statusCode(),
        result.error(),
        result.responseBody(),
        retry.isPresent() ? "pending" : "failed",
        retry.map(at::plus).orElse(null));
  }

  /** A success clears the failure streak; 5 days of nothing but failures deactivate. */
  private void endpointHealth(long webhookId, boolean anySuccess, Instant now) {
    if (anySuccess) {
      jdbc.sql(
              "update webhook set failing_since = null where id = :id and failing_since is not null")
          .param("id", webhookId)
          .update();
      return;
    }
    int deactivated =
        jdbc.sql(
                """
                update webhook
                   set failing_since = coalesce(failing_since, :now),
                       is_active = is_active and coalesce(failing_since, :now) > :horizon,
                       deactivated_reason = case when coalesce(failing_since, :now) <= :horizon
                         then :reason else deactivated_reason end
                 where id = :id
                returning case when not is_active and deactivated_reason = :reason then 1 else 0 end""")
            .param("now", WebhookRepository.utc(now))
            .param("horizon", WebhookRepository.utc(now.minus(properties.deactivateAfter())))
            .param(
                "reason",
                "Every delivery failed for "
                    + properties.deactivateAfter().toDays()
                    + " days; reactivate with PATCH {\"isActive\": true}")
            .param("id", webhookId)
            .query(Integer.class)
            .optional()
            .orElse(0);
    if (deactivated == 1) {
      log.warn("Webhook {} deactivated: every delivery failed for 5 days", webhookId);
    }
  }

  private static Optional<Instant> occurredAt(String event) {
    int key = event.indexOf("\"occurredAt\":\"");
    if (key < 0) {
      return Optional.empty();
    }
    int start = key + "\"occurredAt\":\"".length();
    int end = event.indexOf('"', start);
    try {
      return Optional.of(Instant.parse(event.substring(start, end)));
    } catch (DateTimeParseException | IndexOutOfBoundsException e) {
      return Optional.empty();
    }
  }
}
