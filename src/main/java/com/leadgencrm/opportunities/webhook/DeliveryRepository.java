package com.leadgencrm.opportunities.webhook;

import static com.leadgencrm.opportunities.webhook.WebhookRepository.instant;
import static com.leadgencrm.opportunities.webhook.WebhookRepository.utc;

import com.leadgencrm.opportunities.event.EventLog;
import com.leadgencrm.opportunities.query.PageBytes;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Deliveries (one event to one endpoint) and their attempts. */
@Component
class DeliveryRepository {

  /** A delivery whose next attempt is due. */
  record Due(long id, long eventId, String eventType, int attemptCount) {}

  /** What an attempt found, and what follows from it. */
  record Outcome(
      Due due,
      Instant attemptedAt,
      int durationMs,
      @Nullable Integer statusCode,
      @Nullable String error,
      @Nullable String responseBody,
      String status,
      @Nullable Instant nextAttemptAt) {}

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;

  DeliveryRepository(JdbcClient jdbc, JdbcTemplate batch) {
    this.jdbc = jdbc;
    this.batch = batch;
  }

  /** New deliveries of these events; one that exists already is made pending again (a replay). */
  void enqueue(long webhookId, List<EventLog.EventRef> events, Instant now) {
    batch.batchUpdate(
        """
        insert into webhook_delivery (webhook_id, event_id, event_type, status, attempt_count,
                                      next_attempt_at, create_timestamp, update_timestamp)
        values (?, ?, ?, 'pending', 0, ?, ?, ?)
        on conflict (webhook_id, event_id) do update
           set status = 'pending', attempt_count = 0, next_attempt_at = excluded.next_attempt_at,
               update_timestamp = excluded.update_timestamp
         where webhook_delivery.status <> 'pending'""",
        events,
        500,
        (statement, event) -> {
          statement.setLong(1, webhookId);
          statement.setLong(2, event.id());
          statement.setString(3, event.type());
          statement.setObject(4, utc(now));
          statement.setObject(5, utc(now));
          statement.setObject(6, utc(now));
        });
  }

  /**
   * The deliveries due now, in their order: at most {@code limit}, and as many as fit in {@link
   * PageBytes#LIMIT} bytes of event JSON (always one), which the round holds in memory at once.
   */
  List<Due> due(long webhookId, Instant now, int limit) {
    return jdbc.sql(
            PageBytes.fitting(
                """
                select d.id, d.event_id, d.event_type, d.attempt_count, d.next_attempt_at,
                       %s as bytes
                  from (select id, event_id, event_type, attempt_count, next_attempt_at
                          from webhook_delivery
                         where webhook_id = :webhook and status = 'pending'
                           and next_attempt_at <= :now
                         order by next_attempt_at, id limit :limit) d
                  left join event e on e.id = d.event_id"""
                    .formatted(PageBytes.of("e.payload")),
                "page.bytes",
                "next_attempt_at, id"))
        .param("webhook", webhookId)
        .param("now", utc(now))
        .param("limit", limit)
        .query(
            (rs, n) ->
                new Due(
                    rs.getLong("id"),
                    rs.getLong("event_id"),
                    rs.getString("event_type"),
                    rs.getInt("attempt_count")))
        .list();
  }

  /** Writes the attempts and the deliveries' new states (call in one transaction). */
  void record(List<Outcome> outcomes, Instant now) {
    // a delivery deleted with its webhook during the attempt has nothing left to record
    batch.batchUpdate(
        """
        insert into webhook_attempt (delivery_id, attempted_at, duration_ms, status_code, error,
                                     response_body)
        select id, ?, ?, ?, ?, ? from webhook_delivery where id = ?""",
        outcomes,
        500,
        (statement, outcome) -> {
          // a delivery deleted with its webhook during the attempt has nothing left to record
          statement.setObject(1, utc(outcome.attemptedAt()));
          statement.setInt(2, outcome.durationMs());
          if (outcome.statusCode() == null) {
            statement.setNull(3, Types.INTEGER);
          } else {
            statement.setInt(3, outcome.statusCode());
          }
          statement.setString(4, outcome.error());
          statement.setString(5, outcome.responseBody());
          statement.setLong(6, outcome.due().id());
        });
    batch.batchUpdate(
        """
        update webhook_delivery set status = ?, attempt_count = attempt_count + 1,
               next_attempt_at = ?, update_timestamp = ?
         where id = ? and status = 'pending'""",
        outcomes,
        500,
        (statement, outcome) -> {
          statement.setString(1, outcome.status());
          statement.setObject(
              2, outcome.nextAttemptAt() == null ? null : utc(outcome.nextAttemptAt()));
          statement.setObject(3, utc(now));
          statement.setLong(4, outcome.due().id());
        });
  }

  /** A webhook's deliveries, newest first, with their attempts. */
  List<DeliveryView> page(long webhookId, long beforeId, @Nullable String status, int limit) {
    List<DeliveryView> deliveries =
        jdbc.sql(
                """
                select id, event_id, event_type, status, attempt_count, next_attempt_at,
                       create_timestamp, update_timestamp
                  from webhook_delivery
                 where webhook_id = :webhook and id < :before
                   and (cast(:status as varchar) is null or status = :status)
                 order by id desc limit :limit""")
            .param("webhook", webhookId)
            .param("before", beforeId)
            .param("status", status, Types.VARCHAR)
            .param("limit", limit)
            .query(
                (rs, n) ->
                    new DeliveryView(
                        rs.getLong("id"),
                        rs.getLong("event_id"),
                        rs.getString("event_type"),
                        rs.getString("status"),
                        rs.getInt("attempt_count"),
                        instant(rs, "next_attempt_at"),
                        new ArrayList<>(),
                        Objects.requireNonNull(instant(rs, "create_timestamp")),
                        Objects.requireNonNull(instant(rs, "update_timestamp"))))
            .list();
    if (deliveries.isEmpty()) {
      return deliveries;
    }
    Map<Long, DeliveryView> byId = new HashMap<>();
    deliveries.forEach(delivery -> byId.put(delivery.id(), delivery));
    jdbc.sql(
            """
            select delivery_id, attempted_at, duration_ms, status_code, error, response_body
              from webhook_attempt where delivery_id in (:ids) order by id""")
        .param("ids", List.copyOf(byId.keySet()))
        .query(
            (rs, n) ->
                byId.get(rs.getLong("delivery_id"))
                    .attempts()
                    .add(
                        new DeliveryView.AttemptView(
                            Objects.requireNonNull(instant(rs, "attempted_at")),
                            rs.getInt("duration_ms"),
                            rs.getObject("status_code", Integer.class),
                            rs.getString("error"),
                            rs.getString("response_body"))))
        .list();
    return deliveries;
  }

  /** Forgets finished deliveries older than the feed's retention. */
  int forgetBefore(Instant horizon) {
    return jdbc.sql(
            """
            delete from webhook_delivery where id in (
              select id from webhook_delivery
               where create_timestamp < :horizon and status <> 'pending' limit 10000)""")
        .param("horizon", utc(horizon))
        .update();
  }
}
