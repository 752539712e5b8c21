package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.HeavyRead;
import com.leadgencrm.opportunities.core.Permission;
import com.leadgencrm.opportunities.core.RecordShape;
import com.leadgencrm.opportunities.core.Requires;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the pipeline is worth (SPEC §7): the opportunities a list request selects, grouped by one or
 * two keys and by currency, with their figures and each currency's totals. One statement, with the
 * list's own conditions (its filters and the caller's scope), computed by PostgreSQL in exact
 * decimals, never adding amounts of different currencies: the groups and the totals are one {@code
 * GROUPING SETS} scan.
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

  /** The figures' columns in the statement, in the order of {@link #FIGURES}. */
  private static final List<String> COLUMNS =
      FIGURES.stream()
          .map(name -> name.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT))
          .toList();

  private final PipelineReads reads;

  OpportunitySummaries(PipelineReads reads) {
    this.reads = reads;
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
    List<OpportunitySummary.Total> totals = new ArrayList<>();
    reads.select(
        params,
        custom,
        definitions,
        condition -> (past == null ? "" : past.with()) + statement(keys, condition),
        past == null ? Map.of() : past.params(),
        (rs, n) -> {
          String currency = rs.getString("currency");
          // the key (or the currency of a total), then the figures
          @Nullable Object[] components = new Object[COLUMNS.size() + 1];
          for (int i = 0; i < COLUMNS.size(); i++) {
            components[i + 1] = rs.getObject(COLUMNS.get(i));
          }
          if (rs.getInt("total") != 0) {
            components[0] = currency;
            totals.add(RecordShape.of(OpportunitySummary.Total.class).newInstance(components));
          } else {
            Map<String, @Nullable Object> key = new LinkedHashMap<>();
            for (int i = 0; i < keys.size(); i++) {
              key.put(keys.get(i).name(), keys.get(i).read(rs, "k" + i));
            }
            key.put("currency", currency);
            components[0] = key;
            groups.add(RecordShape.of(OpportunitySummary.Group.class).newInstance(components));
          }
          return null;
        });
    return new OpportunitySummary(groups, totals);
  }

  /**
   * The currency of an opportunity row: the default currency until opportunities have their own.
   */
  private static final String CURRENCY = "cast(:defaultCurrency as text)";

  private static String statement(List<SummaryKeys.Key> keys, String condition) {
    StringBuilder inner = new StringBuilder("select currency");
    List<String> keyColumns = new ArrayList<>();
    List<String> order = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      String column = "k" + i;
      inner.append(", ").append(keys.get(i).expression()).append(" as ").append(column);
      keyColumns.add(column);
      for (String by : keys.get(i).order()) {
        order.add(by.formatted(column) + " asc nulls last");
      }
    }
    inner
        .append(", amount, probability, is_closed, is_won from opportunity where ")
        .append(condition);
    String scale = scale("currency");
    String grouped = String.join(", ", keyColumns);
    return "select currency, "
        + grouped
        + ", grouping("
        + grouped
        + ") as total, count(*) as count"
        + ", round(coalesce(sum(amount), 0), "
        + scale
        + ") as amount"
        + ", count(*) filter (where not is_closed) as open_count"
        + ", round(coalesce(sum(amount) filter (where not is_closed), 0), "
        + scale
        + ") as open_amount"
        + ", round(coalesce(sum(amount * probability) filter (where not is_closed), 0) / 100, "
        + scale
        + ") as weighted_amount"
        + ", count(*) filter (where is_won) as won_count"
        + ", round(coalesce(sum(amount) filter (where is_won), 0), "
        + scale
        + ") as won_amount"
        + ", count(*) filter (where is_closed and not is_won) as lost_count"
        + ", round(coalesce(sum(amount) filter (where is_closed and not is_won), 0), "
        + scale
        + ") as lost_amount"
        + ", round(count(*) filter (where is_won)::numeric"
        + " / nullif(count(*) filter (where is_closed), 0), 4) as win_rate"
        + " from ("
        + inner
        + ") o group by grouping sets ((currency, "
        + grouped
        + "), (currency)) order by total, "
        + String.join(", ", order)
        + ", currency";
  }

  /** The minor units of the currency in {@code column} (V30's {@code currency_minor_units}). */
  static String scale(String column) {
    return "currency_minor_units(" + column + ")";
  }
}
