package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.HeavyRead;
import com.leadgencrm.opportunities.core.InvalidInput;
import com.leadgencrm.opportunities.core.Permission;
import com.leadgencrm.opportunities.core.RecordShape;
import com.leadgencrm.opportunities.core.Requires;
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

  /** The steps' names, in the order of the JSON answer (after the currency). */
  static final List<String> STEPS =
      RecordShape.of(OpportunityWaterfall.Currency.class).components().stream()
          .skip(1)
          .map(RecordShape.Component::name)
          .toList();

  private final PipelineReads reads;

  OpportunityWaterfalls(PipelineReads reads) {
    this.reads = reads;
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
    SummaryHistory history = reads.history();
    history.check("from", from);
    history.check("to", to);
    history.catchUp();
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
    reads.select(
        reads.query(params, custom, reads.definitions()),
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
          @Nullable Object[] components = new Object[STEPS.size() + 1];
          components[0] = currency;
          for (int i = 0; i < STEPS.size(); i++) {
            components[i + 1] = steps.getOrDefault(STEPS.get(i), none);
          }
          currencies.add(
              RecordShape.of(OpportunityWaterfall.Currency.class).newInstance(components));
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
