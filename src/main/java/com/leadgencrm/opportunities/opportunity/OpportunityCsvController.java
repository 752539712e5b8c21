package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.query.Cursors;
import com.leadgencrm.opportunities.web.CsvOutput;
import com.leadgencrm.opportunities.web.QueryParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The opportunity list as a spreadsheet: {@code GET /opportunities} with {@code Accept: text/csv}
 * answers every opportunity the filters select, streamed, instead of one page of JSON.
 */
@RestController
@RequestMapping(path = "/opportunities", produces = CsvOutput.MEDIA_TYPE)
@Tag(name = "Opportunities")
class OpportunityCsvController {

  private final OpportunityQueries queries;
  private final OpportunityExport export;
  private final CsvOutput csv;
  private final Cursors cursors;

  OpportunityCsvController(
      OpportunityQueries queries, OpportunityExport export, CsvOutput csv, Cursors cursors) {
    this.queries = queries;
    this.export = export;
    this.csv = csv;
    this.cursors = cursors;
  }

  @GetMapping
  @Operation(operationId = "listOpportunities", summary = "List opportunities")
  void list(
      @ParameterObject OpportunityListParams params,
      QueryParameters query,
      HttpServletResponse response) {
    query.check(OpportunityListParams.class, queries::filtersBy);
    CsvOutput.Rows rows = csv.open(response);
    export.export(
        params,
        query.all().toSingleValueMap(),
        cursors.page(params.sort(), null, null, OpportunityQueries.SORT_KEYS, query.all()),
        rows);
    rows.finish();
  }
}
