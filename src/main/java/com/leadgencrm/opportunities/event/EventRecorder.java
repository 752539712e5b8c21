package com.leadgencrm.opportunities.event;

import com.leadgencrm.opportunities.core.Caller;
import com.leadgencrm.opportunities.core.RecordShape;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records events in the current transaction: every write path calls it for each change it makes,
 * cascades included, so that an event exists exactly when its change committed.
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li>Call it inside the write's transaction, after the change is made (so the representations
 *       are the final ones). Without an active read-write transaction it throws {@link
 *       IllegalTransactionStateException}: an event outside the change's transaction could outlive
 *       a rollback. A rollback (or a rollback to a savepoint) takes the events of the rolled-back
 *       work with it.
 *   <li>{@code before} and {@code after} are the resource as a GET of the REST API returns it (the
 *       view records, or maps); see {@link Change} for which each action needs. The recorder fills
 *       in {@code id} (when the transaction commits: {@link PendingEvents}), {@code occurredAt}
 *       (the clock), {@code transactionID} (one per transaction, the same for all its events),
 *       {@code actor} ({@link Caller#current()}: {@code userID} and {@code keyId}, both null for
 *       the service's own work), {@code resource}, {@code data} ({@code after}, or {@code before}
 *       for a deletion or purge) and {@code changes} (from/to of every property whose value
 *       differs, custom fields included; {@code updateTimestamp} is not a change by itself).
 *   <li>An update whose representations do not differ records nothing (returns false / counts 0).
 *   <li>Owner scope: opportunity events take their owners from {@code ownerID} of {@code before}
 *       and {@code after}; association events need the owner of their opportunity before and after
 *       the change ({@link Change#ofAssociation}; a move to another opportunity has two) and take
 *       the opportunity from {@code opportunityID} of {@code data}.
 *   <li>The events are kept with the transaction and written to the feed by one statement as it
 *       commits ({@link PendingEvents}): a write pays one round trip for its events, however many
 *       it records.
 * </ul>
 *
 * Programming errors (a missing representation, a representation of another id, an opportunity
 * without {@code ownerID}) throw {@link IllegalArgumentException}, and roll the write back.
 *
 * <h2>Where each write path records</h2>
 *
 * <pre>
 * write (REST single or batch, wire protocol, by external key)  events, in the write's transaction
 * create an opportunity           opportunity.created (+ opportunityLead.created of a primaryLeadID)
 * replace / patch an opportunity  opportunity.updated (+ opportunityLead.created of a new primary)
 * delete an opportunity           opportunity.deleted + opportunityLead.deleted per association
 * restore from the recycle bin    opportunity.restored + opportunityLead.created per association
 * purge (admin, or after 30 days) opportunity.purged (the scheduled purge acts as Caller.SYSTEM)
 * create / delete an association  opportunityLead.created / .deleted (Change.ofAssociation)
 * update an association (wire)    opportunityLead.updated (owners of the old and new opportunity)
 * deal stage create/change/delete dealStage.*; a deletion with moveTo: opportunity.updated per
 *                                 opportunity moved, then dealStage.deleted (one recordAll); a move
 *                                 to another pipeline: dealStage.updated, then opportunity.updated
 *                                 per opportunity it takes along
 * pipeline create/change/delete   pipeline.* (and the events of any stages it takes along)
 * field create/change/delete      field.*; a custom field deleted or converted: opportunity.updated
 *                                 per opportunity whose stored value changed
 * </pre>
 *
 * Build {@code after} once the change is flushed, so {@code updateTimestamp} and generated values
 * are the ones a GET returns.
 */
@Component
public class EventRecorder {

  /** CloudEvents {@code source} of every event: this service. */
  static final String SOURCE = "/opportunities-service";

  private static final Object PENDING = new Object();

  private final JdbcTemplate jdbc;
  private final JsonMapper mapper;
  private final Clock clock;
  private final ApplicationEventPublisher publisher;

  @PersistenceContext private EntityManager entities;

  EventRecorder(
      JdbcTemplate jdbc, JsonMapper mapper, Clock clock, ApplicationEventPublisher publisher) {
    this.jdbc = jdbc;
    this.mapper = mapper;
    this.clock = clock;
    this.publisher = publisher;
  }

  /**
   * Records one change of an opportunity, a deal stage, a pipeline or a field.
   *
   * @return false when an update changed nothing, so no event was recorded
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public boolean record(
      EventType type, long resourceId, @Nullable Object before, @Nullable Object after) {
    return recordAll(List.of(Change.of(type, resourceId, before, after))) == 1;
  }

  /** Records one change. */
  @Transactional(propagation = Propagation.MANDATORY)
  public boolean record(Change change) {
    return recordAll(List.of(change)) == 1;
  }

  /**
   * Records the changes of one write in their order, in one JDBC batch.
   *
   * @return how many events were recorded (updates that changed nothing record none)
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public int recordAll(Collection<Change> changes) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()
        || TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
      throw new IllegalTransactionStateException(
          "Events are recorded in the read-write transaction of their change");
    }
    PendingEvents pending = PendingEvents.current(PENDING, jdbc, entities, publisher);
    EventPayloads.Occasion occasion =
        EventPayloads.Occasion.of(
            clock.instant().truncatedTo(ChronoUnit.MICROS),
            pending.transactionId(),
            Caller.current());
    int recorded = 0;
    for (Change change : changes) {
      PendingEvents.Row row = row(change, occasion);
      if (row != null) {
        pending.add(row);
        recorded++;
      }
    }
    return recorded;
  }

  private PendingEvents.@Nullable Row row(Change change, EventPayloads.Occasion occasion) {
    EventType type = change.type();
    Object before = representation("before", change.before(), change);
    Object after = representation("after", change.after(), change);
    if (type.action().needsBefore() != (before != null)
        || type.action().needsAfter() != (after != null)) {
      throw new IllegalArgumentException(
          type.value()
              + " needs "
              + (type.action().needsBefore() ? "before" : "")
              + (type.action().needsBefore() && type.action().needsAfter() ? " and " : "")
              + (type.action().needsAfter() ? "after" : "")
              + " (and nothing else): "
              + change);
    }
    Map<String, Object> changes = null;
    if (type.action() == EventType.Action.UPDATED) {
      changes =
          EventPayloads.changes(
              properties("before", Objects.requireNonNull(before), change),
              properties("after", Objects.requireNonNull(after), change));
      if (changes.isEmpty()) {
        return null;
      }
    }
    // as the representation itself serializes: the bytes a GET answers, without a detour through
    // a map (which cost a batch of 500 creates a tenth of its Java time: BENCHMARKS.md)
    Object data = after != null ? after : Objects.requireNonNull(before);
    Long opportunityId = null;
    Long ownerBefore = null;
    Long ownerAfter = null;
    switch (type.resource()) {
      case OPPORTUNITY -> {
        opportunityId = change.resourceId();
        ownerBefore = before == null ? null : integer(before, "ownerID", change);
        ownerAfter = after == null ? null : integer(after, "ownerID", change);
      }
      case OPPORTUNITY_LEAD -> {
        if ((before != null && change.ownerBefore() == null)
            || (after != null && change.ownerAfter() == null)) {
          throw new IllegalArgumentException(
              "An association event needs the owner of its opportunity: " + change);
        }
        opportunityId = integer(data, "opportunityID", change);
        ownerBefore = before == null ? null : change.ownerBefore();
        ownerAfter = after == null ? null : change.ownerAfter();
      }
      default -> {
        if (change.ownerBefore() != null || change.ownerAfter() != null) {
          throw new IllegalArgumentException(
              type.value() + " events are seen by everyone: no owner: " + change);
        }
      }
    }
    return new PendingEvents.Row(
        type,
        change.resourceId(),
        opportunityId,
        ownerBefore,
        ownerAfter,
        occasion.occurredAt(),
        mapper.writeValueAsBytes(
            EventPayloads.event(type, change.resourceId(), data, changes, occasion)));
  }

  /**
   * A representation as it is given when it serializes to a JSON object by itself (a record, a
   * map), else as the map Jackson reads it to; checked to be of this change's resource.
   */
  private @Nullable Object representation(String name, @Nullable Object value, Change change) {
    if (value == null) {
      return null;
    }
    Object representation =
        value instanceof Record || value instanceof Map<?, ?>
            ? value
            : mapper.convertValue(value, Object.class);
    if (!(representation instanceof Record || representation instanceof Map<?, ?>)) {
      throw new IllegalArgumentException(name + " must serialize to a JSON object: " + change);
    }
    Object id = property(representation, "id");
    boolean hasId = id != null || representation instanceof Map<?, ?> map && map.containsKey("id");
    if (hasId && integerValue(id, "id", change) != change.resourceId()) {
      throw new IllegalArgumentException(
          name + " is the representation of another resource than " + change.resourceId());
    }
    return representation;
  }

  /** Every property of a representation, as Jackson reads it (to compare before and after). */
  private Map<String, Object> properties(String name, Object representation, Change change) {
    if (!(mapper.convertValue(representation, Object.class) instanceof Map<?, ?> object)) {
      throw new IllegalArgumentException(name + " must serialize to a JSON object: " + change);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> properties = (Map<String, Object>) object;
    return properties;
  }

  /**
   * One property of a representation: a map's entry, a record's component (the views name their
   * components as their JSON properties).
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static @Nullable Object property(Object representation, String name) {
    if (representation instanceof Map<?, ?> map) {
      return map.get(name);
    }
    Record record = (Record) representation;
    RecordShape shape = RecordShape.of(record.getClass());
    RecordShape.Component component = shape.component(name);
    return component == null ? null : shape.value(record, component);
  }

  /** An integer property a representation must carry. */
  private static long integer(Object representation, String name, Change change) {
    return integerValue(property(representation, name), name, change);
  }

  /** The value of an integer property, refused when it is none. */
  private static long integerValue(@Nullable Object value, String name, Change change) {
    if (!(value instanceof Integer || value instanceof Long)) {
      throw new IllegalArgumentException(
          "The representation carries its " + name + " as an integer: " + change);
    }
    return ((Number) value).longValue();
  }
}
