package com.leadgencrm.opportunities.event;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the feed to its retention ({@code CRM_EVENTS_RETENTION_DAYS}, 30 days) and the history of
 * opportunities to their life plus a year after their purge.
 *
 * <p>The feed's start moves past the events older than the retention, and in the same transaction
 * the deal stage, pipeline and field events below it are deleted; opportunity and association
 * events stay (below the start, the feed no longer serves them) as history until a year after their
 * opportunity's purge. Work goes in small transactions, each taking an advisory lock so one
 * instance at a time does it; a run that finds the lock taken leaves the work to the other.
 */
@Component
class EventRetention {

  private static final Logger log = LoggerFactory.getLogger(EventRetention.class);

  private static final int CHUNK = 10_000;
  private static final String LOCK =
      "select pg_try_advisory_xact_lock(hashtext('crm.events.retention'))";

  private final JdbcClient jdbc;
  private final EventLog feed;
  private final TransactionTemplate transactions;
  private final EventProperties properties;
  private final Clock clock;

  EventRetention(
      JdbcClient jdbc,
      EventLog feed,
      PlatformTransactionManager transactionManager,
      EventProperties properties,
      Clock clock) {
    this.jdbc = jdbc;
    this.feed = feed;
    this.transactions = new TransactionTemplate(transactionManager);
    this.properties = properties;
    this.clock = clock;
  }

  @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT10M")
  void scheduled() {
    try {
      purge();
    } catch (RuntimeException e) {
      log.warn("Could not apply the retention of events: {}", e.toString());
    }
  }

  /**
   * Applies the retention as of the clock's now.
   *
   * @return the feed's start afterwards
   */
  long purge() {
    Instant now = clock.instant();
    OffsetDateTime feedHorizon = utc(now.minus(properties.retention()));
    OffsetDateTime historyHorizon = utc(now.minus(properties.historyRetention()));
    Boolean more;
    do {
      // before the chunk's transaction: every event up to it has committed when the chunk looks
      long head = feed.head();
      more = transactions.execute(status -> moveStart(feedHorizon, head));
    } while (Boolean.TRUE.equals(more));
    do {
      more = transactions.execute(status -> forgetPurgedOpportunities(historyHorizon));
    } while (Boolean.TRUE.equals(more));
    return feed.start();
  }

  /** Moves the start by up to a chunk; true when there is more to do. */
  private boolean moveStart(OffsetDateTime horizon, long head) {
    if (!locked()) {
      return false;
    }
    long start = feed.lockPosition("start");
    // the first event of the next chunk still within the retention, in id order: everything
    // before it is older (occurredAt is not quite in id order, since ids follow commits: a late
    // commit of an old event does not let newer ones go). A range of the primary key: no index on
    // occurredAt to keep up on every write
    long chunkEnd = Math.min(head, start + CHUNK);
    long keepFrom =
        jdbc.sql(
                """
                select id from event where id > :start and id <= :chunkEnd
                   and occurred_at >= :horizon
                 order by id limit 1""")
            .param("start", start)
            .param("chunkEnd", chunkEnd)
            .param("horizon", horizon)
            .query(Long.class)
            .optional()
            .orElse(chunkEnd + 1);
    long target = keepFrom - 1;
    if (target <= start) {
      return false;
    }
    int deleted =
        jdbc.sql(
                """
                delete from event where id > :start and id <= :target and opportunity_id is null""")
            .param("start", start)
            .param("target", target)
            .update();
    feed.move("start", target);
    log.debug("Feed starts after event {} now; {} events deleted", target, deleted);
    // the whole chunk was past the retention: the next one may be too
    return target == chunkEnd && chunkEnd < head;
  }

  /** Deletes the history of opportunities purged longer ago than the history's retention. */
  private boolean forgetPurgedOpportunities(OffsetDateTime horizon) {
    if (!locked()) {
      return false;
    }
    int deleted =
        jdbc.sql(
                """
                delete from event where opportunity_id in (
                  select aggregate_id from event
                   where type = 'opportunity.purged' and occurred_at < :horizon
                   limit 100)
                  and id <= (select value from event_feed_position where name = 'start')""")
            .param("horizon", horizon)
            .update();
    if (deleted > 0) {
      log.info("Forgot the history of opportunities purged before {}: {} events", horizon, deleted);
    }
    return deleted > 0;
  }

  private boolean locked() {
    return Boolean.TRUE.equals(jdbc.sql(LOCK).query(Boolean.class).single());
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
