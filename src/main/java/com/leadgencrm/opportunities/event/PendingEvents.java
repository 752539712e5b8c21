package com.leadgencrm.opportunities.event;

import com.leadgencrm.opportunities.core.SavepointScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The events of one transaction, kept in memory until it commits, then written to the feed with
 * their ids: the last thing the transaction does.
 *
 * <p>Why this keeps the feed gap-free: the write first moves the {@code sequenced} position of
 * {@code event_feed_position} past its events, which locks that row until the transaction ends, so
 * transactions with events (on all instances) take their ids one at a time, each after the one
 * before committed or rolled back (a rollback gives its ids back: the next one takes them). So ids
 * become visible in increasing order, those of a transaction all at once: a reader that sees an id
 * sees every smaller one, and no event ever appears behind a cursor already handed out. A
 * transaction still open (for a minute, say) has taken no id yet and holds nothing back: it numbers
 * its events when it commits, after everything committed meanwhile.
 *
 * <p>The row stays locked from that statement to the end of the commit, so it is the write's very
 * last statement: pending JPA changes are flushed first (another transaction waiting for this one's
 * position must not hold a row this one still has to write), and this synchronization runs after
 * all others.
 */
final class PendingEvents implements TransactionSynchronization, SavepointScoped {

  /** The feed's rows of a transaction: one statement, whatever their number. */
  private static final String PUBLISH =
      """
      with position as (
        update event_feed_position set value = value + :count where name = 'sequenced'
        returning value),
      published as (
        insert into event (id, type, aggregate_type, aggregate_id, opportunity_id, owner_before,
                           owner_after, occurred_at, transaction_id, payload)
        select position.value - :count + e.n, e.type, e.aggregate_type, e.aggregate_id,
               e.opportunity_id, e.owner_before, e.owner_after, e.occurred_at,
               cast(:transactionId as uuid), cast(e.payload as json)
          from position,
               unnest(cast(:types as text[]), cast(:aggregateTypes as text[]),
                      cast(:aggregateIds as bigint[]), cast(:opportunityIds as bigint[]),
                      cast(:ownersBefore as bigint[]), cast(:ownersAfter as bigint[]),
                      cast(:occurredAt as timestamptz[]), cast(:payloads as text[]))
                 with ordinality as e(type, aggregate_type, aggregate_id, opportunity_id,
                                      owner_before, owner_after, occurred_at, payload, n))
      select value from position""";

  /** One event of the feed, without its id. */
  record Row(
      EventType type,
      long resourceId,
      @Nullable Long opportunityId,
      @Nullable Long ownerBefore,
      @Nullable Long ownerAfter,
      Instant occurredAt,
      String payload) {}

  private final Object key;
  private final UUID transactionId = UUID.randomUUID();
  private final List<Row> rows = new ArrayList<>();
  private final JdbcClient jdbc;
  private final EntityManager entities;
  private final ApplicationEventPublisher publisher;
  private long head = -1;

  private PendingEvents(
      Object key, JdbcClient jdbc, EntityManager entities, ApplicationEventPublisher publisher) {
    this.key = key;
    this.jdbc = jdbc;
    this.entities = entities;
    this.publisher = publisher;
  }

  /**
   * The events of the current transaction, bound to it under {@code key}: a transaction suspended
   * for an inner one (REQUIRES_NEW) gets its own back when it resumes; savepoints share them.
   */
  static PendingEvents current(
      Object key, JdbcClient jdbc, EntityManager entities, ApplicationEventPublisher publisher) {
    if (TransactionSynchronizationManager.getResource(key) instanceof PendingEvents bound) {
      return bound;
    }
    PendingEvents pending = new PendingEvents(key, jdbc, entities, publisher);
    TransactionSynchronizationManager.bindResource(key, pending);
    TransactionSynchronizationManager.registerSynchronization(pending);
    return pending;
  }

  /** The id that groups the events of this transaction ({@code transactionID}). */
  UUID transactionId() {
    return transactionId;
  }

  void add(Row row) {
    rows.add(row);
  }

  @Override
  public int mark() {
    return rows.size();
  }

  @Override
  public void rollbackTo(int mark) {
    rows.subList(mark, rows.size()).clear();
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  @Override
  public void beforeCommit(boolean readOnly) {
    if (rows.isEmpty()) {
      return;
    }
    if (entities.isJoinedToTransaction()) {
      entities.flush();
    }
    int count = rows.size();
    String[] types = new String[count];
    String[] aggregateTypes = new String[count];
    Long[] aggregateIds = new Long[count];
    Long[] opportunityIds = new Long[count];
    Long[] ownersBefore = new Long[count];
    Long[] ownersAfter = new Long[count];
    String[] occurredAt = new String[count];
    String[] payloads = new String[count];
    for (int i = 0; i < count; i++) {
      Row row = rows.get(i);
      types[i] = row.type().value();
      aggregateTypes[i] = row.type().resource().value();
      aggregateIds[i] = row.resourceId();
      opportunityIds[i] = row.opportunityId();
      ownersBefore[i] = row.ownerBefore();
      ownersAfter[i] = row.ownerAfter();
      occurredAt[i] = row.occurredAt().toString();
      payloads[i] = row.payload();
    }
    head =
        jdbc.sql(PUBLISH)
            .param("count", count)
            .param("transactionId", transactionId.toString())
            .param("types", types)
            .param("aggregateTypes", aggregateTypes)
            .param("aggregateIds", aggregateIds)
            .param("opportunityIds", opportunityIds)
            .param("ownersBefore", ownersBefore)
            .param("ownersAfter", ownersAfter)
            .param("occurredAt", occurredAt)
            .param("payloads", payloads)
            .query(Long.class)
            .single();
  }

  @Override
  public void afterCommit() {
    if (head >= 0) {
      publisher.publishEvent(new EventsSequenced(head));
    }
  }

  @Override
  public void suspend() {
    TransactionSynchronizationManager.unbindResourceIfPossible(key);
  }

  @Override
  public void resume() {
    TransactionSynchronizationManager.bindResource(key, this);
  }

  @Override
  public void afterCompletion(int status) {
    TransactionSynchronizationManager.unbindResourceIfPossible(key);
  }
}
