package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.HeavyRead;
import com.leadgencrm.opportunities.core.InvalidInput;
import com.leadgencrm.opportunities.core.Permission;
import com.leadgencrm.opportunities.core.Requires;
import com.leadgencrm.opportunities.query.ListStatements;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The pipeline waterfall (SPEC §7): the opportunities at {@code from} and at {@code to}, rebuilt
 * from the change feed ({@link SummaryHistory}), each selected by the list's conditions (its
 * filters and the caller's scope) as it was at that moment, and open with a close date in the
 * period. Every opportunity in either pipeline falls in exactly one way in and one way out, so the
 * steps add up to the end, per currency; PostgreSQL sums them in one statement.
 */
@Service
@Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
public class OpportunityWaterfalls {

  static final List<String> STEPS =
      List.of(
          "start",
          "created",
          "pulledIn",
          "pushedOut",
          "increased",
          "decreased",
          "won",
          "lost",
          "removed",
          "end");

  private final OpportunityQueries queries;
  private final OpportunityFields fields;
  private final ListStatements lists;
  private final SummaryHistory history;

  OpportunityWaterfalls(
      OpportunityQueries queries,
      OpportunityFields fields,
      ListStatements lists,
      SummaryHistory history) {
    this.queries = queries;
    this.fields = fields;
    this.lists = lists;
    this.history = history;
  }

  /** The waterfall of the list's selection between {@code from} and {@code to}. */
  @Requires(Permission.READ)
  @HeavyRead
  public OpportunityWaterfall waterfall(
      OpportunityListParams params,
      Map<String, String> custom,
      @Nullable Instant from,
      @Nullable Instant to) {
    if (from == null || to == null) {
      List<com.leadgencrm.opportunities.core.InvalidField> missing = new ArrayList<>();
      if (from == null) {
        missing.add(new com.leadgencrm.opportunities.core.InvalidField("from", "is required"));
      }
      if (to == null) {
        missing.add(new com.leadgencrm.opportunities.core.InvalidField("to", "is required"));
      }
      throw new InvalidInput(missing);
    }
    if (!from.isBefore(to)) {
      throw new InvalidInput("to", "must be after from");
    }
    history.check("from", from);
    history.check("to", to);
    Instant periodFrom = params.closeDateFrom() != null ? params.closeDateFrom() : quarterStart(to);
    Instant periodTo =
        params.closeDateTo() != null
            ? params.closeDateTo()
            : quarterStart(to).atOffset(ZoneOffset.UTC).plusMonths(3).toInstant().minusNanos(1000);
    Map<String, Object> values = new HashMap<>();
    values.put("wfFrom", OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
    values.put("wfTo", OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
    values.put("periodFrom", OffsetDateTime.ofInstant(periodFrom, ZoneOffset.UTC));
    values.put("periodTo", OffsetDateTime.ofInstant(periodTo, ZoneOffset.UTC));
    values.put("asOfCurrency", history.defaultCurrency());
    Map<String, Map<String, OpportunityWaterfall.Step>> byCurrency = new TreeMap<>();
    queries
        .query(params, custom, fields.definitions())
        .select(
            lists,
            WaterfallStatement::of,
            values,
            (rs, n) ->
                byCurrency
                    .computeIfAbsent(rs.getString("currency"), c -> new HashMap<>())
                    .put(
                        rs.getString("step"),
                        new OpportunityWaterfall.Step(
                            rs.getLong("count"), rs.getBigDecimal("amount"))));
    List<OpportunityWaterfall.Currency> currencies = new ArrayList<>();
    byCurrency.forEach(
        (currency, steps) -> {
          BigDecimal zero = BigDecimal.ZERO.setScale(Math.max(Currencies.minorUnits(currency), 0));
          OpportunityWaterfall.Step none = new OpportunityWaterfall.Step(0, zero);
          List<OpportunityWaterfall.Step> ordered =
              STEPS.stream().map(s -> steps.getOrDefault(s, none)).toList();
          currencies.add(
              new OpportunityWaterfall.Currency(
                  currency,
                  ordered.get(0),
                  ordered.get(1),
                  ordered.get(2),
                  ordered.get(3),
                  ordered.get(4),
                  ordered.get(5),
                  ordered.get(6),
                  ordered.get(7),
                  ordered.get(8),
                  ordered.get(9)));
        });
    return new OpportunityWaterfall(from, to, periodFrom, periodTo, currencies);
  }

  /** The first moment (UTC) of the calendar quarter holding {@code moment}. */
  static Instant quarterStart(Instant moment) {
    LocalDate day = LocalDate.ofInstant(moment, ZoneOffset.UTC);
    int firstMonth = (day.getMonthValue() - 1) / 3 * 3 + 1;
    return LocalDate.of(day.getYear(), firstMonth, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
  }
}
