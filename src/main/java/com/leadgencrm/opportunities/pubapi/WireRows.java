package com.leadgencrm.opportunities.pubapi;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The rows of a read, handed on one at a time as the read produces them: a read whose rows are
 * large is written out as it is fetched, never held whole ({@link
 * com.leadgencrm.opportunities.opportunity.OpportunityOffsetReads}).
 */
@FunctionalInterface
interface WireRows<T> {

  /**
   * Properties of REST representations beyond the schema, by row key: wire rows keep the schema's
   * fields (custom fields cannot take these names).
   */
  Map<String, Set<String>> REST_ONLY =
      Map.of(
          "opportunity", Set.of("currency", "pipelineID", "probabilitySource"),
          "dealStage", Set.of("pipelineID"),
          "field", Set.of("isUnique"));

  void each(Consumer<? super T> row);

  /**
   * These rows (REST representations) as the wire writes them, each converted as it comes: without
   * their REST-only properties, every value a string, date-times in the version's zone.
   */
  default WireRows<Map<String, @Nullable Object>> asRows(
      String key,
      Set<String> restOnly,
      JsonMapper mapper,
      WireValues values,
      Set<String> dateTimes) {
    Set<String> omitted = new HashSet<>(restOnly);
    omitted.addAll(REST_ONLY.getOrDefault(key, Set.of()));
    return row ->
        each(
            representation -> {
              JsonNode tree = mapper.valueToTree(representation);
              if (tree instanceof ObjectNode object) {
                object.remove(omitted);
              }
              row.accept(values.out(tree, dateTimes));
            });
  }

  /** A read of rows by equalities, a page of them. */
  interface Where<T> {
    List<T> where(Map<String, String> equalities, int limit, int offset);
  }

  /** A read of rows by equalities, a page of them, handed on one at a time. */
  interface WhereEach<T> {
    void where(Map<String, String> equalities, int limit, int offset, Consumer<T> each);
  }

  /** A read of rows created or changed within a range. */
  interface Range<T> {
    List<T> between(boolean created, Instant from, Instant to, int limit, int offset);
  }

  /** A read of rows created or changed within a range, handed on one at a time. */
  interface RangeEach<T> {
    void between(
        boolean created, Instant from, Instant to, int limit, int offset, Consumer<T> each);
  }
}
