package com.leadgencrm.opportunities.pubapi;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Wire calls counted by method and error code. Every call is an HTTP 200, so the HTTP metrics
 * cannot tell a refused call from a served one; these can.
 *
 * <ul>
 *   <li>{@code crm.wire.calls{method, code}}: one per call; {@code code} is the call's error code,
 *       {@code none} when it had none, or {@code objects} when a write answered with some of its
 *       objects refused.
 *   <li>{@code crm.wire.objects.refused{method, code}}: one per refused object of a write.
 * </ul>
 *
 * {@code method} is the name of a method the service has, else {@code unknown}, so that a caller
 * cannot grow the metric's tags with names of its own.
 */
@Component
class WireMetrics {

  private final MeterRegistry meters;
  private final Set<String> methods;

  WireMetrics(MeterRegistry meters, List<WireMethod.Table> tables) {
    this.meters = meters;
    this.methods =
        tables.stream()
            .flatMap(table -> table.methods().keySet().stream())
            .collect(Collectors.toUnmodifiableSet());
  }

  /** Counts a call with what it answered as {@code error}. */
  void answered(WireRequest request, @Nullable Object error) {
    String method = method(request);
    if (error instanceof List<?> refusedObjects) {
      count("crm.wire.calls", method, "objects");
      for (Object refused : refusedObjects) {
        count("crm.wire.objects.refused", method, code(refused));
      }
    } else {
      count("crm.wire.calls", method, error == null ? "none" : code(error));
    }
  }

  private void count(String name, String method, String code) {
    Counter.builder(name).tag("method", method).tag("code", code).register(meters).increment();
  }

  private String method(WireRequest request) {
    JsonNode envelope = request.envelope();
    if (envelope == null) {
      return "unknown";
    }
    JsonNode method = envelope.get("method");
    return method != null && method.isString() && methods.contains(method.stringValue())
        ? method.stringValue()
        : "unknown";
  }

  private static String code(Object error) {
    return error instanceof Map<?, ?> object && object.get("code") != null
        ? String.valueOf(object.get("code"))
        : "unknown";
  }
}
