package com.leadgencrm.opportunities.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * What a plan of {@code EXPLAIN (FORMAT JSON)} reads: the tables it scans whole and the indexes it
 * uses, at any depth.
 *
 * @param wholeTables the relations of its sequential scans, one entry per scan
 * @param indexes the indexes it reads
 * @param executionMillis its execution time under {@code EXPLAIN (ANALYZE, FORMAT JSON)}, in
 *     milliseconds (0 for a plan that was not run)
 */
public record Plan(List<String> wholeTables, Set<String> indexes, double executionMillis) {

  public static Plan of(String json) {
    JsonNode root = Api.JSON.readTree(json).get(0);
    List<String> wholeTables = new ArrayList<>();
    root.findParents("Node Type").stream()
        .filter(node -> node.path("Node Type").asString().equals("Seq Scan"))
        .forEach(node -> wholeTables.add(node.path("Relation Name").asString()));
    Set<String> indexes = new TreeSet<>();
    root.findValues("Index Name").forEach(name -> indexes.add(name.asString()));
    return new Plan(List.copyOf(wholeTables), indexes, root.path("Execution Time").asDouble());
  }
}
