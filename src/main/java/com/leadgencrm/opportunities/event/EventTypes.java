package com.leadgencrm.opportunities.event;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Event type names and patterns ({@code opportunity.*}) as clients write them. */
public final class EventTypes {

  private EventTypes() {}

  /** Whether the text names an event type or {@code <resourceType>.*}. */
  public static boolean isPattern(String text) {
    return !matching(text).isEmpty();
  }

  /** The types a type name or {@code <resourceType>.*} stands for; empty when it names none. */
  public static List<EventType> matching(String pattern) {
    if (pattern.endsWith(".*")) {
      String resource = pattern.substring(0, pattern.length() - 2);
      return Arrays.stream(EventType.values())
          .filter(type -> type.resource().value().equals(resource))
          .toList();
    }
    return EventType.of(pattern).map(List::of).orElse(List.of());
  }

  /** The type names the patterns stand for together. */
  public static Set<String> names(List<String> patterns) {
    Set<String> names = new LinkedHashSet<>();
    for (String pattern : patterns) {
      matching(pattern).forEach(type -> names.add(type.value()));
    }
    return names;
  }

  /** Every type name and resource pattern, for messages. */
  public static String described() {
    return Arrays.stream(EventType.values())
            .map(EventType::value)
            .collect(java.util.stream.Collectors.joining(", "))
        + ", or <resourceType>.* ("
        + Arrays.stream(ResourceType.values())
            .map(ResourceType::value)
            .collect(java.util.stream.Collectors.joining(", "))
        + ")";
  }
}
