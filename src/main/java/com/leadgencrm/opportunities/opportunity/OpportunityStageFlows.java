package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.HeavyRead;
import com.leadgencrm.opportunities.core.InvalidField;
import com.leadgencrm.opportunities.core.InvalidInput;
import com.leadgencrm.opportunities.core.Permission;
import com.leadgencrm.opportunities.core.Requires;
import com.leadgencrm.opportunities.query.ListStatements;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The stage flow (SPEC §7), from the change feed: per deal stage, the opportunities that entered it
 * within the period, where those that left it went, how many were won or lost in it, and how long
 * those that left it had spent in it ({@link StageFlowStatement}).
 */
@Service
@Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
public class OpportunityStageFlows {

  private final OpportunityQueries queries;
  private final OpportunityFields fields;
  private final ListStatements lists;
  private final SummaryHistory history;
  private final JdbcClient jdbc;

  OpportunityStageFlows(
      OpportunityQueries queries,
      OpportunityFields fields,
      ListStatements lists,
      SummaryHistory history,
      JdbcClient jdbc) {
    this.queries = queries;
    this.fields = fields;
    this.lists = lists;
    this.history = history;
    this.jdbc = jdbc;
  }

  /** What the per-stage rows of the statement hold. */
  private static final class Counts {
    long entered;
    long won;
    long lost;
    @Nullable BigDecimal median;
    @Nullable BigDecimal p90;
    final Map<Long, Long> moved = new HashMap<>();
  }

  @Requires(Permission.READ)
  @HeavyRead
  public OpportunityStageFlow stageFlow(
      OpportunityListParams params,
      Map<String, String> custom,
      @Nullable Instant from,
      @Nullable Instant to) {
    List<InvalidField> missing = new ArrayList<>();
    if (from == null) {
      missing.add(new InvalidField("from", "is required"));
    }
    if (to == null) {
      missing.add(new InvalidField("to", "is required"));
    }
    if (from == null || to == null) {
      throw new InvalidInput(missing);
    }
    if (!from.isBefore(to)) {
      throw new InvalidInput("to", "must be after from");
    }
    history.check("from", from);
    history.catchUp();
    Map<String, Object> values = new HashMap<>();
    values.put("flowFrom", OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
    values.put("flowTo", OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
    values.put("asOfCurrency", history.defaultCurrency());
    Map<Long, Counts> stages = new TreeMap<>();
    queries
        .query(params, custom, fields.definitions())
        .select(
            lists,
            StageFlowStatement::of,
            values,
            (rs, n) -> {
              Counts counts = stages.computeIfAbsent(rs.getLong("stage"), s -> new Counts());
              long count = rs.getLong("count");
              switch (rs.getString("kind")) {
                case "entered" -> counts.entered = count;
                case "moved" -> counts.moved.put(rs.getLong("other"), count);
                case "won" -> counts.won = count;
                case "lost" -> counts.lost = count;
                default -> {
                  counts.median = rs.getBigDecimal("median");
                  counts.p90 = rs.getBigDecimal("p90");
                }
              }
              return null;
            });
    Comparator<Long> order = pipelineOrder();
    List<OpportunityStageFlow.Stage> flow = new ArrayList<>();
    stages.keySet().stream()
        .sorted(order)
        .forEach(
            id -> {
              Counts c = stages.get(id);
              List<OpportunityStageFlow.Move> moves =
                  c.moved.keySet().stream()
                      .sorted(order)
                      .map(to2 -> new OpportunityStageFlow.Move(to2, c.moved.get(to2)))
                      .toList();
              flow.add(
                  new OpportunityStageFlow.Stage(
                      id, c.entered, moves, c.won, c.lost, c.median, c.p90));
            });
    return new OpportunityStageFlow(from, to, flow);
  }

  /** Stages in pipeline order (pipeline weight, stage weight, id); stages gone since last. */
  private Comparator<Long> pipelineOrder() {
    List<Long> ordered =
        jdbc.sql(
                "select s.id from deal_stage s join pipeline p on p.id = s.pipeline_id"
                    + " order by p.weight, p.id, s.weight, s.id")
            .query(Long.class)
            .list();
    Map<Long, Integer> rank = new HashMap<>();
    for (int i = 0; i < ordered.size(); i++) {
      rank.put(ordered.get(i), i);
    }
    return Comparator.<Long>comparingInt(id -> rank.getOrDefault(id, Integer.MAX_VALUE))
        .thenComparing(id -> id);
  }
}
