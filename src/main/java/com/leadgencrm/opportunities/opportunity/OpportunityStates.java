package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.event.EventLog;
import com.leadgencrm.opportunities.limits.LimitsProperties;
import com.leadgencrm.opportunities.query.ListStatements;
import java.time.Duration;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The projection of opportunity events into typed past states (table {@code opportunity_state},
 * V74), which the summary {@code asOf}, the waterfall and the stage flow read ({@link
 * SummaryHistory}).
 *
 * <p>Up to the feed's head every event is final ({@link EventLog#head()}: no transaction in flight
 * below it), so the projection follows them by id from its position up to the head, read before
 * each chunk's transaction: a chunk of events after the position, each turned into the state it
 * leaves the opportunity in, the previous latest state of each opportunity closed at the event's
 * moment, the position moved, in one statement and one transaction. A transaction advisory lock
 * lets one projection run at a time across instances. A background run every 5 s keeps the backlog
 * short, at most five chunks each time; a request that reads the states first projects what is left
 * ({@link #catchUp()}), so it sees every event committed before it started, or is told to come back
 * when more is left than it may project ({@link HistoryBehind}).
 */
@Component
class OpportunityStates {

  private static final Logger log = LoggerFactory.getLogger(OpportunityStates.class);

  /**
   * Event ids per chunk: at most 1,000 events, about 1.5 MB of JSON, parsed in one statement well
   * within its time limit.
   */
  static final int CHUNK = 1_000;

  /**
   * Chunks one background run (every 5 s) projects at most: under a stream of writes the projection
   * takes a bounded share of the database (about 1,000 events a second) and leaves the rest of the
   * backlog to the reads that need it. Unbounded, it ran chunk after chunk beside a flood of batch
   * writes, into the statement time limit, and cut their throughput by more than half
   * (BENCHMARKS.md, fifth round).
   */
  static final int BACKGROUND_CHUNKS = 5;

  /** What the reads of past pipelines tell their clients of {@link #catchUp()}. */
  static final String CATCH_UP_DESCRIBED =
      "Past pipelines are read from the opportunities' history, which first catches up with the"
          + " change feed: after a flood of writes, once that took CRM_HISTORY_CATCH_UP (3 s),"
          + " 503 with Retry-After; a retry goes on from where it stopped.";

  private static final String LOCK = "hashtext('crm.opportunity_state')";

  /**
   * The position: the last event id projected. Read before the lock, so that the reads of past
   * pipelines and the background run neither queue nor write anything when no event waits between
   * it and the feed's head; read again under the lock for the chunk.
   */
  private static final String POSITION = "select value from opportunity_state_position";

  /** The typed properties of an opportunity's representation ({@code d}: its JSON). */
  private static final String TYPED =
      """
      (d->>'ownerID')::bigint as owner_id,
      (d->>'dealStageID')::bigint as deal_stage_id,
      (d->>'accountID')::bigint as account_id,
      (d->>'campaignID')::bigint as campaign_id,
      d->>'opportunityName' as opportunity_name,
      (d->>'probability')::numeric as probability,
      (d->>'amount')::numeric as amount,
      d->>'currency' as currency,
      (d->>'isClosed')::boolean as is_closed,
      (d->>'isWon')::boolean as is_won,
      (d->>'isActive')::boolean as is_active,
      (d->>'closeDate')::timestamptz as close_date,
      (d->>'originatingLeadID')::bigint as originating_lead_id,
      (d->>'primaryLeadID')::bigint as primary_lead_id,
      (d->>'createTimestamp')::timestamptz as create_timestamp,
      (d->>'updateTimestamp')::timestamptz as update_timestamp""";

  private static final String COLUMNS =
      "owner_id, deal_stage_id, account_id, campaign_id, opportunity_name, probability, amount,"
          + " currency, is_closed, is_won, is_active, close_date, originating_lead_id,"
          + " primary_lead_id, create_timestamp, update_timestamp";

  /**
   * One chunk: the opportunity events with ids after {@code :after} (the position) up to {@code
   * :to} (at most {@link #CHUNK} ids further, and no further than the feed's head: every id up to
   * it is final), typed; each event's opportunity's latest state before the chunk; the stage before
   * each event and when its stage was entered (a stint starts with each change of stage); the
   * latest states closed; the new states inserted; the position moved to {@code :to}.
   *
   * <p>The window is read along the primary key alone (a materialized range of ids, then filtered
   * by type), so its plan cannot depend on statistics. As "the first 1,000 opportunity events after
   * the position", PostgreSQL planned it on a table never analyzed (autovacuum off, as on this
   * project's CI machine) as a bitmap scan of every opportunity event and a sort: more than the 5 s
   * statement limit at 1.6 million events, so the projection never moved again and spent a database
   * core every other 5 s trying. The range's ends are values of the statement, not read from the
   * position's table inside it: with them from there, PostgreSQL guessed 2,260 rows for that
   * one-row table (never analyzed either), read the whole event table instead of the range and the
   * whole state table to close the latest states, 3.4 s a chunk at 4.4 million events, which let
   * the projection follow about 300 events a second and kept a database core busy while it fell
   * behind (BENCHMARKS.md, twelfth round).
   *
   * <p>The latest states are found event by event (a lateral lookup by the index on the
   * opportunity, straight from each event) and closed by their primary key: as a join, PostgreSQL
   * planned both as scans of the whole table whenever its statistics lagged behind the table's
   * growth, 1.4 s a chunk at 2.2 million states against a few milliseconds. Looked up once per
   * opportunity of the chunk and joined to its events, they were looked up again for every event
   * whenever PostgreSQL expected a chunk of one event (a table not analyzed since it grew): 1,000
   * times 1,000 lookups, 3 to 6 s for a chunk of creates and 5 to 7 s for one of updates against 48
   * and 78 ms, and a backlog that could never catch up (BENCHMARKS.md, eighteenth round).
   *
   * <p>Each event's JSON is parsed once ({@code chunk} is materialized): inlined into {@code
   * typed}, its {@code d} was parsed again for each of the sixteen properties, 185 ms of a chunk's
   * 208 against 18 (BENCHMARKS.md, eighth round).
   */
  static final String PROJECT =
      """
      with window_events as materialized (
        select e.id, e.aggregate_id, e.aggregate_type, e.type, e.occurred_at, e.payload
          from event e
         where e.id > :after and e.id <= :to),
      chunk as materialized (
        select id, aggregate_id, type, occurred_at, payload::jsonb -> 'data' as d
          from window_events
         where aggregate_type = 'opportunity'),
      typed as (
        select id, aggregate_id as opportunity_id, occurred_at,
               type not in ('opportunity.deleted', 'opportunity.purged') as present, %s
          from chunk),
      linked as (
        select t.*, l.latest_event, l.stage_since as latest_since,
               row_number() over w as n,
               lead(t.occurred_at) over w as next_at,
               case when row_number() over w = 1 then l.deal_stage_id
                    else lag(t.deal_stage_id) over w end as prev_stage,
               case when row_number() over w = 1 then l.closed
                    else lag(coalesce(t.is_closed, false)) over w end as prev_closed,
               case when row_number() over w = 1 then l.won
                    else lag(coalesce(t.is_won, false)) over w end as prev_won
          from typed t
          left join lateral (
            select s.event_id as latest_event, s.deal_stage_id,
                   coalesce(s.is_closed, false) as closed, coalesce(s.is_won, false) as won,
                   s.stage_since
              from opportunity_state s
             where s.opportunity_id = t.opportunity_id and s.valid_to is null
             limit 1) l on true
        window w as (partition by t.opportunity_id order by t.id)),
      stints as (
        select linked.*,
               sum(case when prev_stage is null or prev_stage <> deal_stage_id then 1 else 0 end)
                 over (partition by opportunity_id order by id) as stint
          from linked),
      entered as (
        select stints.*,
               case when stint = 0 then latest_since
                    else min(occurred_at) over (partition by opportunity_id, stint) end as since
          from stints),
      states as (
        select entered.*,
               case when n = 1 then latest_since
                    else lag(since) over (partition by opportunity_id order by id) end as prev_since
          from entered),
      closed as (
        update opportunity_state s set valid_to = states.occurred_at
          from states
         where states.n = 1 and s.event_id = states.latest_event
        returning 1),
      inserted as (
        insert into opportunity_state (event_id, opportunity_id, valid_from, valid_to, present, %s,
                                       stage_since, prev_stage, prev_closed, prev_won,
                                       prev_stage_since, moved)
        select id, opportunity_id, occurred_at, next_at, present, %s,
               since, prev_stage, prev_closed, prev_won, prev_since,
               (prev_stage is null or prev_stage <> deal_stage_id)
               or (coalesce(is_won, false) and not coalesce(prev_won, false))
               or (coalesce(is_closed, false) and not coalesce(is_won, false)
                   and not coalesce(prev_closed and not prev_won, false))
          from states
        returning event_id),
      moved as (
        update opportunity_state_position set value = :to
        returning 1)
      select count(*) from moved"""
          .formatted(TYPED, COLUMNS, COLUMNS);

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final EventLog feed;
  private final Duration catchUpLimit;

  OpportunityStates(
      DataSource dataSource,
      PlatformTransactionManager transactionManager,
      EventLog feed,
      LimitsProperties limits) {
    this.feed = feed;
    this.catchUpLimit = limits.historyCatchUp();
    // planned for the table as it is at each chunk: a plan kept from when it was nearly empty
    // (a prepared statement's generic plan) scans all of it, and the projection of a long history
    // slowed down as it grew (the bench's: from 13,500 to 2,500 events/s)
    this.jdbc = JdbcClient.create(ListStatements.unprepared(dataSource));
    this.transactions = new TransactionTemplate(transactionManager);
    this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** Keeps the backlog short; leaves the work to another instance that is at it. */
  @Scheduled(initialDelayString = "PT5S", fixedDelayString = "PT5S")
  void background() {
    try {
      int chunks = 0;
      long head = feed.head();
      Moved moved;
      while (chunks++ < BACKGROUND_CHUNKS
          && (moved = transactions.execute(status -> chunk(false, head))) != null
          && moved.to() < head) {
        // the next chunk
      }
    } catch (RuntimeException e) {
      log.warn("Could not project opportunity events into their states: {}", e.toString());
    }
  }

  /**
   * Projects every event committed so far, waiting for a projection at work elsewhere to finish its
   * chunk; gives up with {@link HistoryBehind} once it has spent {@code
   * crm.limits.history-catch-up} at it with events still left, keeping what it projected. A flood
   * of batch writes leaves a backlog that the background run follows at about 1,000 events a
   * second: 3,000,000 events behind, a summary {@code asOf} was still projecting after 5 minutes,
   * its client long gone (BENCHMARKS.md, eighteenth round).
   */
  void catchUp() {
    long head = feed.head();
    long started = System.nanoTime();
    long projected = 0;
    Moved moved;
    while ((moved = transactions.execute(status -> chunk(true, head))) != null
        && moved.to() < head) {
      projected += moved.to() - moved.after();
      long elapsed = System.nanoTime() - started;
      if (elapsed >= catchUpLimit.toNanos()) {
        throw HistoryBehind.of(head - moved.to(), projected, Duration.ofNanos(elapsed));
      }
    }
  }

  /** The event ids one chunk projected: those after {@code after}, up to {@code to}. */
  private record Moved(long after, long to) {}

  /** One chunk in the current transaction; null when there was nothing to project. */
  private @Nullable Moved chunk(boolean wait, long head) {
    if (position() >= head) {
      return null;
    }
    if (wait) {
      jdbc.sql("select pg_advisory_xact_lock(" + LOCK + ")").query(Object.class).single();
    } else if (!jdbc.sql("select pg_try_advisory_xact_lock(" + LOCK + ")")
        .query(Boolean.class)
        .single()) {
      return null;
    }
    long after = position();
    if (after >= head) {
      return null;
    }
    long to = Math.min(after + CHUNK, head);
    jdbc.sql(PROJECT).param("after", after).param("to", to).query(Long.class).single();
    return new Moved(after, to);
  }

  private long position() {
    return jdbc.sql(POSITION).query(Long.class).single();
  }
}
