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

  /** The event as served, without its id. */
  static Map<String, Object> event(
      EventType type,
      long resourceId,
      Object data,
      @Nullable Map<String, Object> changes,
      Instant occurredAt,
      UUID transactionId,
      Caller actor) {
    String time = DateTimeFormatter.ISO_INSTANT.format(occurredAt);
    boolean system = actor.equals(Caller.SYSTEM);
    Map<String, @Nullable Object> event = new LinkedHashMap<>();
    event.put("type", type.value());
    event.put("occurredAt", time);
    event.put("transactionID", transactionId.toString());
    Map<String, @Nullable Object> who = new LinkedHashMap<>();
    who.put("userID", system ? null : actor.userId());
    who.put("keyId", system ? null : actor.keyId());
    event.put("actor", who);
    Map<String, Object> resource = new LinkedHashMap<>();
    resource.put("type", type.resource().value());
    resource.put("id", resourceId);
    event.put("resource", resource);
    event.put("data", data);
    event.put("changes", changes);
    // CloudEvents 1.0 attributes (id and type are shared with the names above)
    event.put("specversion", "1.0");
    event.put("source", EventRecorder.SOURCE);
    event.put("subject", type.resource().value() + "/" + resourceId);
    event.put("time", time);
    event.put("datacontenttype", "application/json");
    return event;
  }
}
