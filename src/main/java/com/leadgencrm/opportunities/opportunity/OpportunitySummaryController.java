package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.InvalidField;
import com.leadgencrm.opportunities.core.InvalidInput;
import com.leadgencrm.opportunities.query.PageSpec;
import com.leadgencrm.opportunities.web.CsvOutput;
import com.leadgencrm.opportunities.web.QueryParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /opportunities/summary}: what the pipeline is worth, in JSON or CSV. */
@RestController
@RequestMapping(path = "/opportunities/summary")
@Tag(name = "Opportunities")
class OpportunitySummaryController {

  private static final String DESCRIBED =
      "The opportunities that the list's filters select (every filter of GET /opportunities,"
          + " custom fields included; only the caller's own for a salesperson), grouped by"
          + " groupBy and by currency: count, amount, the open, won and lost ones, the forecast"
          + " (weightedAmount) and the win rate, computed exactly. Money is never added across"
          + " currencies: every group's key and every total names its currency. At most 10,000"
          + " groups (CRM_SUMMARY_GROUPS); beyond, 400 naming groupBy: narrow the filters.";

  private final OpportunityQueries queries;
  private final OpportunitySummaries summaries;
  private final CsvOutput csv;

  OpportunitySummaryController(
      OpportunityQueries queries, OpportunitySummaries summaries, CsvOutput csv) {
    this.queries = queries;
    this.summaries = summaries;
    this.csv = csv;
  }

  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "summarizeOpportunities",
      summary = "What the pipeline is worth, by group",
      description = DESCRIBED)
  OpportunitySummary summary(
      @ParameterObject OpportunityListParams filters,
      @ParameterObject OpportunitySummaryParams params,
      QueryParameters query) {
    check(query);
    return summaries.summary(
        filters, query.all().toSingleValueMap(), params.groupBy(), params.asOf());
  }

  @GetMapping(produces = CsvOutput.MEDIA_TYPE)
  @Operation(
      operationId = "summarizeOpportunities",
      summary = "What the pipeline is worth, by group",
      description = DESCRIBED)
  void summaryCsv(
      @ParameterObject OpportunityListParams filters,
      @ParameterObject OpportunitySummaryParams params,
      QueryParameters query,
      HttpServletResponse response) {
    check(query);
    OpportunitySummary summary =
        summaries.summary(filters, query.all().toSingleValueMap(), params.groupBy(), params.asOf());
    List<String> keys =
        params.groupBy() == null
            ? List.of()
            : List.of(params.groupBy().split(",")).stream().map(String::strip).toList();
    List<String> columns = new ArrayList<>(List.of("total"));
    columns.addAll(keys);
    columns.add("currency");
    columns.addAll(OpportunitySummaries.FIGURES);
    CsvOutput.Rows rows = csv.open(response);
    rows.columns(columns);
    for (OpportunitySummary.Group group : summary.groups()) {
      Map<String, @Nullable Object> row = new LinkedHashMap<>();
      row.put("total", false);
      row.putAll(group.key());
      rows.row(withFigures(row, group));
    }
    for (OpportunitySummary.Total total : summary.totals()) {
      Map<String, @Nullable Object> row = new LinkedHashMap<>();
      row.put("total", true);
      row.put("currency", total.currency());
      rows.row(withFigures(row, total));
    }
    rows.finish();
  }

  /** A CSV line: the leading cells, then the figures of a group or total. */
  private static Map<String, @Nullable Object> withFigures(
      Map<String, @Nullable Object> cells, Record figures) {
    for (RecordComponent component : figures.getClass().getRecordComponents()) {
      if (OpportunitySummaries.FIGURES.contains(component.getName())) {
        try {
          cells.put(component.getName(), component.getAccessor().invoke(figures));
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return cells;
  }

  /**
   * The list's filters and groupBy; the list's paging parameters are refused: a summary is one
   * answer.
   */
  private void check(QueryParameters query) {
    check(query, OpportunitySummaryParams.NAMES, queries);
  }

  /** The list's filters and {@code own} parameters, no paging (one answer, not pages). */
  static void check(QueryParameters query, java.util.Set<String> own, OpportunityQueries queries) {
    List<InvalidField> paging = new ArrayList<>();
    for (String name : PageSpec.PAGING_PARAMETERS) {
      if (query.all().containsKey(name)) {
        paging.add(new InvalidField(name, "is not a query parameter of the summary"));
      }
    }
    if (!paging.isEmpty()) {
      throw new InvalidInput(paging);
    }
    query.check(OpportunityListParams.class, name -> own.contains(name) || queries.filtersBy(name));
  }
}
