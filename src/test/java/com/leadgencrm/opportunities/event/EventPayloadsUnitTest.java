package com.leadgencrm.opportunities.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.core.Caller;
import com.leadgencrm.opportunities.core.Role;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * An event's document is written from records; consumers and webhook signatures saw the bytes of
 * the linked map it was written from before. Both must give the same bytes.
 */
class EventPayloadsUnitTest {

  static final JsonMapper MAPPER =
      JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

  /** A view as the services give them: a record whose components are its JSON properties. */
  record View(long id, String name, @Nullable BigDecimal amount, Map<String, Object> custom) {}

  @Test
  void everyEventReadsAsTheMapItWasWrittenFromBefore() {
    Random random = new Random(16);
    List<Caller> callers =
        List.of(
            Caller.SYSTEM,
            new Caller("key_3k9f0c1a7d2e5b8h4m6q", 7, Role.SALESPERSON),
            new Caller("k\u00e9y \"quoted\" \\ \u2028", Long.MAX_VALUE, Role.ADMINISTRATOR));
    for (int i = 0; i < 2_000; i++) {
      EventType type = EventType.values()[random.nextInt(EventType.values().length)];
      long resourceId = random.nextLong(1, Long.MAX_VALUE);
      Object data = data(random, resourceId);
      Map<String, Object> changes =
          random.nextBoolean() ? null : Map.of("name", changeOf("a", "b\u00ff\ud83d\ude00"));
      Instant occurredAt =
          Instant.ofEpochSecond(
              random.nextLong(0, 253_402_300_799L), 1_000L * random.nextInt(1_000_000));
      UUID transactionId = new UUID(random.nextLong(), random.nextLong());
      Caller caller = callers.get(random.nextInt(callers.size()));

      String written =
          MAPPER.writeValueAsString(
              EventPayloads.event(
                  type,
                  resourceId,
                  data,
                  changes,
                  EventPayloads.Occasion.of(occurredAt, transactionId, caller)));

      assertThat(written)
          .isEqualTo(
              MAPPER.writeValueAsString(
                  asMap(type, resourceId, data, changes, occurredAt, transactionId, caller)));
    }
  }

  private static Object data(Random random, long id) {
    Map<String, Object> custom = new LinkedHashMap<>();
    custom.put("region", random.nextBoolean() ? null : "EM\u00c9A");
    custom.put("seats", random.nextInt());
    if (random.nextBoolean()) {
      return new View(id, "Deal \"" + random.nextInt() + "\"", new BigDecimal("1E+3"), custom);
    }
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("id", id);
    map.put("list", new ArrayList<>(List.of(1, "two", 3.5)));
    map.put("nested", custom);
    return map;
  }

  private static Map<String, Object> changeOf(Object from, Object to) {
    Map<String, Object> change = new LinkedHashMap<>();
    change.put("from", from);
    change.put("to", to);
    return change;
  }

  /** The document as it was written until the twenty-second round of BENCHMARKS.md. */
  private static Map<String, Object> asMap(
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
    event.put("specversion", "1.0");
    event.put("source", EventRecorder.SOURCE);
    event.put("subject", type.resource().value() + "/" + resourceId);
    event.put("time", time);
    event.put("datacontenttype", "application/json");
    return event;
  }
}
