package com.leadgencrm.opportunities.event;

import com.leadgencrm.opportunities.core.Caller;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The JSON document of an event as the feed serves it (without its id, which it gets when its
 * transaction commits), and the per-property changes of an update. {@code data} is the
 * representation as given (a view record or a map), serialized as a GET answers it; the changes
 * compare representations as Jackson reads them, plain maps.
 */
final class EventPayloads {

  /** Properties whose change alone is no change. */
  private static final Set<String> NOT_CHANGES = Set.of("updateTimestamp");

  private EventPayloads() {}

  /** From/to of every property whose value differs; a property one side lacks is null there. */
  static Map<String, Object> changes(Map<String, Object> before, Map<String, Object> after) {
    Set<String> names = new LinkedHashSet<>(after.keySet());
    names.addAll(before.keySet());
    Map<String, Object> changes = new LinkedHashMap<>();
    for (String name : names) {
      if (NOT_CHANGES.contains(name)) {
        continue;
      }
      Object from = before.get(name);
      Object to = after.get(name);
      if (!same(from, to)) {
        Map<String, @Nullable Object> change = new LinkedHashMap<>();
        change.put("from", from);
        change.put("to", to);
        changes.put(name, change);
      }
    }
    return changes;
  }

  /** Equal JSON values; numbers by value, so 100.0 and 100.00 are no change. */
  private static boolean same(@Nullable Object a, @Nullable Object b) {
    BigDecimal x = decimal(a);
    BigDecimal y = decimal(b);
    if (x != null && y != null) {
      return x.compareTo(y) == 0;
    }
    return Objects.equals(a, b);
  }

  private static @Nullable BigDecimal decimal(@Nullable Object value) {
    if (value instanceof BigDecimal decimal) {
      return decimal;
    }
    if (value instanceof BigInteger integer) {
      return new BigDecimal(integer);
    }
    if (value instanceof Number number && !(value instanceof Double || value instanceof Float)) {
      return BigDecimal.valueOf(number.longValue());
    }
    return null;
  }

  /** What the events of one transaction share: when, which transaction, who. */
  record Occasion(String occurredAt, String transactionID, Actor actor) {

    static Occasion of(Instant occurredAt, UUID transactionId, Caller caller) {
      boolean system = caller.equals(Caller.SYSTEM);
      return new Occasion(
          DateTimeFormatter.ISO_INSTANT.format(occurredAt),
          transactionId.toString(),
          new Actor(system ? null : caller.userId(), system ? null : caller.keyId()));
    }
  }

  /** Who made the change: both null for the service's own work. */
  record Actor(@Nullable Long userID, @Nullable String keyId) {}

  /** Which resource changed. */
  record Resource(String type, long id) {}

  /**
   * The event as served, without its id: Jackson writes a record's components in their order
   * (CloudEvents 1.0 attributes last; {@code id} and {@code type} are shared with the names before
   * them). A record, not a map: its names are encoded once, and the serializers of its typed
   * components found once, where a linked map per event cost a batch of 500 creates each time.
   */
  record Event(
      String type,
      String occurredAt,
      String transactionID,
      Actor actor,
      Resource resource,
      Object data,
      @Nullable Map<String, Object> changes,
      String specversion,
      String source,
      String subject,
      String time,
      String datacontenttype) {}

  /** The event as served, without its id. */
  static Event event(
      EventType type,
      long resourceId,
      Object data,
      @Nullable Map<String, Object> changes,
      Occasion occasion) {
    String resource = type.resource().value();
    return new Event(
        type.value(),
        occasion.occurredAt(),
        occasion.transactionID(),
        occasion.actor(),
        new Resource(resource, resourceId),
        data,
        changes,
        "1.0",
        EventRecorder.SOURCE,
        resource + "/" + resourceId,
        occasion.occurredAt(),
        "application/json");
  }
}
