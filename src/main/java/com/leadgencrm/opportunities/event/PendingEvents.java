package com.leadgencrm.opportunities.event;

import com.leadgencrm.opportunities.core.SavepointScoped;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The events of one transaction, kept in memory until it commits, then written to the feed with
 * their ids: the last thing the transaction does.
 *
 * <p>Why this keeps the feed gap-free: the events take their ids from {@code event_id_seq} in their
 * transaction's last statement, holding the feed's shared advisory lock ({@code
 * event_feed_writing()}, V80) until the transaction ends. Readers serve events up to the feed's
 * head only ({@link EventLog#head()}), which takes that lock exclusively: it waits for the writers
 * taking ids at that moment to commit or roll back, so no transaction still in flight has an id at
 * or below the head, and an event never appears behind a cursor already handed out. Writers share
 * the lock: they commit side by side (the log flushes of several commits go as one), where the
 * feed's earlier position row made them commit one at a time. A transaction still open (for a
 * minute, say) has taken no id yet and holds nothing back: it takes its ids as it commits, after
 * everything committed meanwhile. A rollback leaves the ids it took unused: holes, which no reader
 * waits for.
 *
 * <p>The lock is held from that statement to the end of the commit, so it is the write's very last
 * statement, sent together with the COMMIT: pending JPA changes are flushed first, and this
 * synchronization runs after all others (none may write after it: the transaction is committed when
 * it returns).
 */
final class PendingEvents implements TransactionSynchronization, SavepointScoped {

  /**
   * The feed's rows of a transaction, then its commit, sent together: the shared lock is held for
   * PostgreSQL's own work only, never while this service gets round to sending the commit (which a
   * busy instance would make longer, and with it the wait of every reader of the head). Then the
   * transaction manager's commit finds the connection's transaction done, and does nothing. The ids
   * are taken in the order the events were recorded. The payloads go as one JSON array, in UTF-8 as
   * Jackson wrote them, whose elements PostgreSQL hands back as their own text (the stored payload
   * is the one written, byte for byte): a {@code text[]} of 500 payloads cost the driver its
   * growing buffer's copies (7.1% of a batch's samples, BENCHMARKS.md twenty-second round).
   */
  private static final String PUBLISH_AND_COMMIT =
      """
      select event_feed_writing();
      with published as (
        insert into event (id, type, aggregate_type, aggregate_id, opportunity_id, owner_before,
                           owner_after, occurred_at, transaction_id, payload)
        select nextval('event_id_seq'), e.type, e.aggregate_type, e.aggregate_id,
               e.opportunity_id, e.owner_before, e.owner_after, e.occurred_at,
               cast(? as uuid), e.payload
          from (select *
                  from rows from (unnest(cast(? as text[])), unnest(cast(? as text[])),
                                  unnest(cast(? as bigint[])), unnest(cast(? as bigint[])),
                                  unnest(cast(? as bigint[])), unnest(cast(? as bigint[])),
                                  unnest(cast(? as timestamptz[])),
                                  json_array_elements(cast(convert_from(?, 'UTF8') as json)))
                         with ordinality as e(type, aggregate_type, aggregate_id, opportunity_id,
                                              owner_before, owner_after, occurred_at, payload, n)
                 order by n) e
        returning id)
      select max(id) from published;
      commit""";

  /** One event of the feed, without its id; {@code occurredAt} as its document has it. */
  record Row(
      EventType type,
      long resourceId,
      @Nullable Long opportunityId,
      @Nullable Long ownerBefore,
      @Nullable Long ownerAfter,
      String occurredAt,
      byte[] payload) {}

  private final Object key;
  private final UUID transactionId = UUID.randomUUID();
  private final List<Row> rows = new ArrayList<>();
  private final JdbcTemplate jdbc;
  private final EntityManager entities;
  private final ApplicationEventPublisher publisher;
  private long head = -1;

  private PendingEvents(
      Object key, JdbcTemplate jdbc, EntityManager entities, ApplicationEventPublisher publisher) {
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
      Object key, JdbcTemplate jdbc, EntityManager entities, ApplicationEventPublisher publisher) {
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
    int length = 1;
    for (Row row : rows) {
      length += row.payload().length + 1;
    }
    byte[] payloads = new byte[length];
    payloads[0] = '[';
    int at = 1;
    for (int i = 0; i < count; i++) {
      Row row = rows.get(i);
      types[i] = row.type().value();
      aggregateTypes[i] = row.type().resource().value();
      aggregateIds[i] = row.resourceId();
      opportunityIds[i] = row.opportunityId();
      ownersBefore[i] = row.ownerBefore();
      ownersAfter[i] = row.ownerAfter();
      occurredAt[i] = row.occurredAt();
      System.arraycopy(row.payload(), 0, payloads, at, row.payload().length);
      at += row.payload().length;
      payloads[at++] = (byte) (i < count - 1 ? ',' : ']');
    }
    Object[] parameters = {
      transactionId.toString(),
      types,
      aggregateTypes,
      aggregateIds,
      opportunityIds,
      ownersBefore,
      ownersAfter,
      occurredAt,
      payloads
    };
    head =
        Objects.requireNonNull(
            jdbc.execute(
                PUBLISH_AND_COMMIT,
                (PreparedStatement statement) -> {
                  for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                  }
                  statement.execute();
                  // the lock's empty row, then the highest id taken
                  statement.getMoreResults();
                  try (ResultSet published = statement.getResultSet()) {
                    published.next();
                    long value = published.getLong(1);
                    // the commit's outcome: an exception here if it failed
                    statement.getMoreResults();
                    return value;
                  }
                }));
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
