package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.web.QueryParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * How the pipeline changes, from the change feed: {@code GET /opportunities/waterfall} and {@code
 * GET /opportunities/stageFlow}.
 */
@RestController
@RequestMapping(path = "/opportunities", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Opportunities")
class OpportunityWaterfallController {

  private final OpportunityQueries queries;
  private final OpportunityWaterfalls waterfalls;
  private final OpportunityStageFlows flows;

  OpportunityWaterfallController(
      OpportunityQueries queries, OpportunityWaterfalls waterfalls, OpportunityStageFlows flows) {
    this.queries = queries;
    this.waterfalls = waterfalls;
    this.flows = flows;
  }

  @GetMapping("/waterfall")
  @Operation(
      operationId = "opportunityWaterfall",
      summary = "How the pipeline of a close period changed between two moments",
      description =
          "The open opportunities closing in [closeDateFrom, closeDateTo] (default: the calendar"
              + " quarter holding to) at from and at to, rebuilt from the change feed, each"
              + " selected by the list's filters as it was then (only the caller's own for a"
              + " salesperson); per currency, count and amount of start, created, pulledIn,"
              + " pushedOut, increased, decreased, won, lost, removed and end, with start +"
              + " created + pulledIn - pushedOut + increased - decreased - won - lost - removed ="
              + " end (counts without increased and decreased). "
              + OpportunityStates.CATCH_UP_DESCRIBED)
  OpportunityWaterfall waterfall(
      @ParameterObject OpportunityListParams filters,
      @ParameterObject OpportunityWaterfallParams params,
      QueryParameters query) {
    OpportunitySummaryController.check(query, OpportunityWaterfallParams.NAMES, queries);
    return waterfalls.waterfall(
        filters, query.all().toSingleValueMap(), params.from(), params.to());
  }

  @GetMapping("/stageFlow")
  @Operation(
      operationId = "opportunityStageFlow",
      summary = "How opportunities moved through the deal stages within a period",
      description =
          "From the change feed: the moves made within [from, to], of the opportunities the"
              + " list's filters select as they were right after each move (only the caller's own"
              + " for a salesperson). Per deal stage (pipeline order): how many entered it (created"
              + " in it or moved into it), how many left it for each other stage, how many were won"
              + " or lost in it, and the median and 90th percentile of the days spent in it by those"
              + " that left it within the period. "
              + OpportunityStates.CATCH_UP_DESCRIBED)
  OpportunityStageFlow stageFlow(
      @ParameterObject OpportunityListParams filters,
      @ParameterObject OpportunityWaterfallParams params,
      QueryParameters query) {
    OpportunitySummaryController.check(query, OpportunityWaterfallParams.NAMES, queries);
    return flows.stageFlow(filters, query.all().toSingleValueMap(), params.from(), params.to());
  }
}
