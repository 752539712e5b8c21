package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.HeavyRead;
import com.leadgencrm.opportunities.core.InvalidInput;
import com.leadgencrm.opportunities.core.Permission;
import com.leadgencrm.opportunities.core.RecordShape;
import com.leadgencrm.opportunities.core.Requires;
import com.leadgencrm.opportunities.limits.LimitsProperties;
import com.leadgencrm.opportunities.query.ListQuery;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the pipeline is worth (SPEC §7): the opportunities a list request selects, grouped by one or
 * two keys and by currency, with their figures and each currency's totals. One statement, with the
 * list's own conditions (its filters and the caller's scope), computed in exact decimals, never
 * adding amounts of different currencies: PostgreSQL sums the groups in one (parallel) scan, and
 * each currency's totals are the exact sum of its groups, rounded once.
 */
@Service
@Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
public class OpportunitySummaries {

  /** The figures' names, in the order of the JSON answer (after the key or the currency). */
  static final List<String> FIGURES =
      RecordShape.of(OpportunitySummary.Total.class).components().stream()
          .skip(1)
          .map(RecordShape.Component::name)
          .toList();

  private final PipelineReads reads;
  private final int maxGroups;

  OpportunitySummaries(PipelineReads reads, LimitsProperties limits) {
    this.reads = reads;
    this.maxGroups = limits.summaryGroups();
  }

  /**
   * The summary of the opportunities the list's filters select, grouped by {@code groupBy}.
   *
   * @param custom the request's parameters that name custom fields, with their values
   * @param asOf the moment whose pipeline is summed (rebuilt from the change feed); now when null
   */
  @Requires(Permission.READ)
  @HeavyRead
  public OpportunitySummary summary(
      OpportunityListParams params,
      Map<String, String> custom,
      @Nullable String groupBy,
      @Nullable Instant asOf) {
    CustomFieldDefinitions definitions = reads.definitions();
    List<SummaryKeys.Key> keys = SummaryKeys.parse(groupBy, definitions);
    SummaryHistory.AsOf past = asOf == null ? null : reads.history().at(asOf);
    List<OpportunitySummary.Group> groups = new ArrayList<>();
    // each currency's totals: the exact sums of its groups, rounded once like the groups' figures
    Map<String, Sums> totals = new TreeMap<>();
    ListQuery query = reads.query(params, custom, definitions);
    boolean rolledUp = past == null && Source.ROLLUP.serves(keys, query);
    reads.select(
        query,
        condition ->
            rolledUp
                ? statement(keys, Source.ROLLUP, condition, maxGroups + 1)
                : (past == null ? "" : past.with())
                    + statement(keys, Source.ROWS, condition, maxGroups + 1),
        past == null ? Map.of() : past.params(),
        (rs, n) -> {
          if (groups.size() == maxGroups) {
            // the answer is built whole in memory: grouped by account, a million opportunities ran
            // the heap out, and the service with it
            throw new InvalidInput(
                "groupBy",
                "gives more than "
                    + maxGroups
                    + " groups (CRM_SUMMARY_GROUPS): narrow the summary with filters, or group by"
                    + " fewer or coarser keys");
          }
          String currency = rs.getString("currency");
          Sums sums = Sums.read(rs);
          totals.merge(currency, sums, Sums::plus);
          Map<String, @Nullable Object> key = new LinkedHashMap<>();
          for (int i = 0; i < keys.size(); i++) {
            key.put(keys.get(i).name(), keys.get(i).read(rs, "k" + i));
          }
          key.put("currency", currency);
          groups.add(
              RecordShape.of(OpportunitySummary.Group.class).newInstance(sums.figuresAfter(key)));
          return null;
        });
    return new OpportunitySummary(
        groups,
        totals.entrySet().stream()
            .map(
                total ->
                    RecordShape.of(OpportunitySummary.Total.class)
                        .newInstance(total.getValue().figuresAfter(total.getKey())))
            .toList());
  }

  /**
   * The exact sums behind the figures of a set of opportunities of one currency, before rounding:
   * groups add up to their currency's total without a rounding error carried over.
   *
   * @param weighted the sum of amount x probability (in percent) of the open ones
   * @param scale the currency's minor units
   */
  private record Sums(
      long count,
      BigDecimal amount,
      long openCount,
      BigDecimal openAmount,
      BigDecimal weighted,
      long wonCount,
      BigDecimal wonAmount,
      long lostCount,
      BigDecimal lostAmount,
      long closedCount,
      int scale) {

    static Sums read(ResultSet rs) throws SQLException {
      return new Sums(
          rs.getLong("count"),
          rs.getBigDecimal("amount"),
          rs.getLong("open_count"),
          rs.getBigDecimal("open_amount"),
          rs.getBigDecimal("weighted"),
          rs.getLong("won_count"),
          rs.getBigDecimal("won_amount"),
          rs.getLong("lost_count"),
          rs.getBigDecimal("lost_amount"),
          rs.getLong("closed_count"),
          rs.getInt("scale"));
    }

    Sums plus(Sums other) {
      return new Sums(
          count + other.count,
          amount.add(other.amount),
          openCount + other.openCount,
          openAmount.add(other.openAmount),
          weighted.add(other.weighted),
          wonCount + other.wonCount,
          wonAmount.add(other.wonAmount),
          lostCount + other.lostCount,
          lostAmount.add(other.lostAmount),
          closedCount + other.closedCount,
          scale);
    }

    /**
     * {@code first} (a group's key, a total's currency), then the figures in the order of {@link
     * #FIGURES}: amounts rounded half-up to the currency's minor units, here and once; the win rate
     * to 4 decimals.
     */
    @Nullable Object[] figuresAfter(Object first) {
      return new @Nullable Object[] {
        first,
        count,
        minor(amount),
        openCount,
        minor(openAmount),
        minor(weighted.movePointLeft(2)),
        wonCount,
        minor(wonAmount),
        lostCount,
        minor(lostAmount),
        closedCount == 0
            ? null
            : BigDecimal.valueOf(wonCount)
                .divide(BigDecimal.valueOf(closedCount), 4, RoundingMode.HALF_UP)
      };
    }

    private BigDecimal minor(BigDecimal value) {
      return value.setScale(scale, RoundingMode.HALF_UP);
    }
  }

  /**
   * Where a summary's figures are summed from, and how.
   *
   * @param rows the columns and the source of the rows, given the list's condition ({@code %1$s})
   * @param count how many opportunities a set of rows is
   * @param amount the sum of their amounts (no amount: 0, or null when none has one)
   * @param weighted the sum of their amounts x probabilities
   * @param columns the columns the source has, which its keys and filters may read (null: any
   *     expression over an opportunity)
   * @param having the condition on a group: that it holds any opportunity
   */
  record Source(
      String rows,
      String count,
      String amount,
      String weighted,
      @Nullable Set<String> columns,
      String having) {

    /**
     * The opportunities themselves (or, as of a past moment, their states): any key, any filter.
     */
    static final Source ROWS =
        new Source(
            "amount, probability, is_closed, is_won from opportunity where %1$s",
            "count(*)", "sum(amount)", "sum(amount * probability)", null, "");

    /**
     * The rollup the writes keep (V76): the pipeline by pipeline, deal stage, isClosed or isWon,
     * filtered by those and currency alone (a pipeline's board, its open deals in euros), a few
     * hundred rows to sum instead of every opportunity. The list's conditions on those columns
     * apply to it as they are. Its rows are deltas, so a group whose rows add up to no opportunity
     * is left out as the rows would leave it.
     */
    static final Source ROLLUP =
        new Source(
            "count, amount, weighted, is_closed, is_won from opportunity_rollup where %1$s",
            "sum(count)",
            "sum(amount)",
            "sum(weighted)",
            Set.of("pipeline_id", "deal_stage_id", "currency", "is_closed", "is_won"),
            " having sum(count) > 0");

    /** Whether the source can group by {@code keys} the rows {@code query} selects. */
    boolean serves(List<SummaryKeys.Key> keys, ListQuery query) {
      return columns == null
          || (keys.stream().allMatch(key -> columns.contains(key.expression()))
              && query.readsOnly(columns));
    }

    /** How many opportunities the rows {@code where} selects are. */
    String counted(@Nullable String where, String name) {
      return figure(count + filter(where), "::bigint", name);
    }

    /** The sum {@code of} (amount or weighted) over the rows {@code where} selects. */
    String summed(String of, @Nullable String where, String name) {
      return figure(of + filter(where), "", name);
    }

    private static String filter(@Nullable String where) {
      return where == null ? "" : " filter (where " + where + ")";
    }

    private static String figure(String aggregate, String cast, String name) {
      return ", coalesce(" + aggregate + ", 0)" + cast + " as " + name;
    }
  }

  private static String statement(
      List<SummaryKeys.Key> keys, Source source, String condition, int limit) {
    StringBuilder inner = new StringBuilder("select currency");
    List<String> keyColumns = new ArrayList<>();
    List<String> shown = new ArrayList<>();
    List<String> order = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      String column = "g" + i;
      inner.append(", ").append(keys.get(i).expression()).append(" as ").append(column);
      keyColumns.add(column);
      shown.add(keys.get(i).shown().formatted(column) + " as k" + i);
      for (String by : keys.get(i).order()) {
        order.add(by.formatted(column) + " asc nulls last");
      }
    }
    inner.append(", ").append(source.rows().formatted(condition));
    String grouped = String.join(", ", keyColumns);
    String open = "not is_closed";
    String lost = "is_closed and not is_won";
    // a plain GROUP BY, which PostgreSQL runs in parallel (GROUPING SETS it does not): the
    // currencies' totals are added up from the groups, in Java. The groups are ordered outside
    // it: an order by a subquery (a stage's place in its pipeline) on the grouping itself makes
    // PostgreSQL plan it without parallel workers (1M opportunities: 710-940 ms against 406-497)
    return "select groups.*, "
        + String.join(", ", shown)
        + " from (select currency, "
        + scale("currency")
        + " as scale, "
        + grouped
        + source.counted(null, "count")
        + source.summed(source.amount(), null, "amount")
        + source.counted(open, "open_count")
        + source.summed(source.amount(), open, "open_amount")
        + source.summed(source.weighted(), open, "weighted")
        + source.counted("is_won", "won_count")
        + source.summed(source.amount(), "is_won", "won_amount")
        + source.counted(lost, "lost_count")
        + source.summed(source.amount(), lost, "lost_amount")
        + source.counted("is_closed", "closed_count")
        + " from ("
        + inner
        + ") o group by currency, "
        + grouped
        + source.having()
        + ") groups order by "
        + String.join(", ", order)
        + ", currency limit "
        + limit;
  }

  /** The minor units of the currency in {@code column} (V30's {@code currency_minor_units}). */
  static String scale(String column) {
    return "currency_minor_units(" + column + ")";
  }
}
