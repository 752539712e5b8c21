package com.leadgencrm.opportunities.webhook;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The webhook tables. */
@Component
class WebhookRepository {

  static final String COLUMNS =
      """
      id, url, types, description, is_active, secret, previous_secret, previous_secret_expires_at,
      event_cursor, failing_since, deactivated_reason, version, create_timestamp, update_timestamp""";

  private final JdbcClient jdbc;

  WebhookRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  static Webhook webhook(ResultSet rs) throws SQLException {
    Array types = rs.getArray("types");
    return new Webhook(
        rs.getLong("id"),
        rs.getString("url"),
        List.copyOf(Arrays.asList((String[]) types.getArray())),
        rs.getString("description"),
        rs.getBoolean("is_active"),
        rs.getString("secret"),
        rs.getString("previous_secret"),
        instant(rs, "previous_secret_expires_at"),
        rs.getLong("event_cursor"),
        instant(rs, "failing_since"),
        rs.getString("deactivated_reason"),
        rs.getLong("version"),
        instant(rs, "create_timestamp"),
        instant(rs, "update_timestamp"));
  }

  Optional<Webhook> find(long id) {
    return jdbc.sql("select " + COLUMNS + " from webhook where id = :id")
        .param("id", id)
        .query((rs, n) -> webhook(rs))
        .optional();
  }

  Optional<Webhook> lock(long id) {
    return jdbc.sql("select " + COLUMNS + " from webhook where id = :id for update")
        .param("id", id)
        .query((rs, n) -> webhook(rs))
        .optional();
  }

  List<Webhook> page(long afterId, int limit) {
    return jdbc.sql(
            "select " + COLUMNS + " from webhook where id > :after order by id limit :limit")
        .param("after", afterId)
        .param("limit", limit)
        .query((rs, n) -> webhook(rs))
        .list();
  }

  Webhook insert(
      String url,
      List<String> types,
      @Nullable String description,
      boolean isActive,
      String secret,
      long eventCursor,
      Instant now) {
    return jdbc.sql(
            "insert into webhook (url, types, description, is_active, secret, event_cursor,"
                + " create_timestamp, update_timestamp) values (:url, cast(:types as varchar(40)[]),"
                + " :description, :isActive, :secret, :cursor, :now, :now) returning "
                + COLUMNS)
        .param("url", url)
        .param("types", types.toArray(String[]::new))
        .param("description", description)
        .param("isActive", isActive)
        .param("secret", secret)
        .param("cursor", eventCursor)
        .param("now", utc(now))
        .query((rs, n) -> webhook(rs))
        .single();
  }

  /** Replaces the writable properties; a change of URL or a reactivation starts afresh. */
  Webhook update(
      Webhook current,
      String url,
      List<String> types,
      @Nullable String description,
      boolean isActive,
      Instant now) {
    boolean fresh = !url.equals(current.url()) || (isActive && !current.isActive());
    return jdbc.sql(
            "update webhook set url = :url, types = cast(:types as varchar(40)[]),"
                + " description = :description, is_active = :isActive,"
                + " failing_since = case when :fresh then null else failing_since end,"
                + " deactivated_reason = case when :isActive then null else deactivated_reason end,"
                + " version = version + 1, update_timestamp = :now where id = :id returning "
                + COLUMNS)
        .param("url", url)
        .param("types", types.toArray(String[]::new))
        .param("description", description)
        .param("isActive", isActive)
        .param("fresh", fresh)
        .param("now", utc(now))
        .param("id", current.id())
        .query((rs, n) -> webhook(rs))
        .single();
  }

  Webhook rotate(long id, String secret, Instant previousExpiresAt, Instant now) {
    return jdbc.sql(
            "update webhook set previous_secret = secret, previous_secret_expires_at = :expires,"
                + " secret = :secret, version = version + 1, update_timestamp = :now"
                + " where id = :id returning "
                + COLUMNS)
        .param("expires", utc(previousExpiresAt))
        .param("secret", secret)
        .param("now", utc(now))
        .param("id", id)
        .query((rs, n) -> webhook(rs))
        .single();
  }

  void delete(long id) {
    jdbc.sql("delete from webhook where id = :id").param("id", id).update();
  }

  /** Sends events after this id again: their deliveries are made anew by the fan-out. */
  void rewind(long id, long after) {
    jdbc.sql("update webhook set event_cursor = least(event_cursor, :after) where id = :id")
        .param("after", after)
        .param("id", id)
        .update();
  }

  // the dispatcher's

  /** Whether any endpoint is active: without one, the dispatcher has nothing to look for. */
  boolean anyActive() {
    return jdbc.sql("select exists (select 1 from webhook where is_active)")
        .query(Boolean.class)
        .single();
  }

  /**
   * Takes up to {@code count} endpoints that have work and that no live lease holds. New events are
   * those past the highest id taken (V81), perhaps by a writer still committing: the fan-out then
   * reads up to the feed's head, which waits for it.
   */
  List<Long> lease(UUID owner, int count, Instant now, Instant until) {
    return jdbc.sql(
            """
            update webhook w set lease_owner = :owner, lease_until = :until
             where w.id in (
               select id from webhook c
                where c.is_active and (c.lease_owner is null or c.lease_until < :now)
                  and (c.event_cursor < (select event_feed_taken())
                       or exists (select 1 from webhook_delivery d
                                   where d.webhook_id = c.id and d.status = 'pending'
                                     and d.next_attempt_at <= :now))
                order by c.lease_until nulls first, c.id
                limit :count
                for update skip locked)
            returning w.id""")
        .param("owner", owner)
        .param("until", utc(until))
        .param("now", utc(now))
        .param("count", count)
        .query(Long.class)
        .list();
  }

  /** Extends a lease this instance holds; false when it lost it. */
  boolean renew(long id, UUID owner, Instant until) {
    return jdbc.sql(
                "update webhook set lease_until = :until where id = :id and lease_owner = :owner")
            .param("until", utc(until))
            .param("id", id)
            .param("owner", owner)
            .update()
        == 1;
  }

  void release(long id, UUID owner, Instant now) {
    jdbc.sql(
            "update webhook set lease_owner = null, lease_until = :now"
                + " where id = :id and lease_owner = :owner")
        .param("now", utc(now))
        .param("id", id)
        .param("owner", owner)
        .update();
  }

  /** Moves the fan-out's position, unless a replay moved it meanwhile. */
  boolean advance(long id, long from, long to) {
    return jdbc.sql("update webhook set event_cursor = :to where id = :id and event_cursor = :from")
            .param("to", to)
            .param("id", id)
            .param("from", from)
            .update()
        == 1;
  }
}
