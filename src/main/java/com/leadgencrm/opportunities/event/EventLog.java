package com.leadgencrm.opportunities.event;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The feed's positions and stored events as the service's own work needs them (deliveries,
 * replays), without a caller's scope: callers read the feed through {@link EventFeed}.
 */
@Component
public class EventLog {

  private final JdbcClient jdbc;
  private final TransactionTemplate alone;

  EventLog(JdbcClient jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.alone = new TransactionTemplate(transactions);
    this.alone.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
  }

  /**
   * The feed's end: every event id up to it belongs to a transaction that has committed (visible to
   * any snapshot taken after this returns) or rolled back; no transaction still in flight can take
   * one. It waits for the transactions taking ids at this moment to end (V80), and runs on its own,
   * outside the caller's transaction, so that it holds no writer back beyond that. Read it before
   * the snapshot that reads up to it.
   */
  public long head() {
    return Objects.requireNonNull(
        alone.execute(status -> jdbc.sql("select event_feed_head()").query(Long.class).single()));
  }

  /** The lowest position the feed continues from (events at or below it are past retention). */
  public long start() {
    return position("start");
  }

  /** A type and an id of an event. */
  public record EventRef(long id, String type) {}

  /** The events in (after, upTo] of these types, in id order. */
  public List<EventRef> matching(long after, long upTo, Collection<String> types) {
    if (types.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(
            """
            select id, type from event
             where id > :after and id <= :upTo and type in (:types) order by id""")
        .param("after", after)
        .param("upTo", upTo)
        .param("types", List.copyOf(types))
        .query((rs, n) -> new EventRef(rs.getLong("id"), rs.getString("type")))
        .list();
  }

  /** The JSON of these events (as the feed serves them), by id; ids past retention are missing. */
  public Map<Long, String> json(Collection<Long> ids) {
    Map<Long, String> events = new HashMap<>();
    if (ids.isEmpty()) {
      return events;
    }
    jdbc.sql("select id, payload from event where id in (:ids)")
        .param("ids", List.copyOf(ids))
        .query(
            (rs, n) ->
                events.put(
                    rs.getLong("id"), EventFeed.json(rs.getLong("id"), rs.getString("payload"))))
        .list();
    return events;
  }

  /** A position of the feed ({@code start}). */
  long position(String name) {
    return jdbc.sql("select value from event_feed_position where name = :name")
        .param("name", name)
        .query(Long.class)
        .single();
  }

  /**
   * A position of the feed, locked until the transaction ends: the runs that move it happen one at
   * a time.
   */
  long lockPosition(String name) {
    return jdbc.sql("select value from event_feed_position where name = :name for update")
        .param("name", name)
        .query(Long.class)
        .single();
  }

  /** Moves a position of the feed (locked by {@link #lockPosition}). */
  void move(String name, long value) {
    jdbc.sql("update event_feed_position set value = :value where name = :name")
        .param("name", name)
        .param("value", value)
        .update();
  }
}
