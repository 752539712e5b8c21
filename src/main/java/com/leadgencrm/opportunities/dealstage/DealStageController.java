package com.leadgencrm.opportunities.dealstage;

import com.leadgencrm.opportunities.json.JsonInput;
import com.leadgencrm.opportunities.query.Cursors;
import com.leadgencrm.opportunities.query.Page;
import com.leadgencrm.opportunities.web.CsvOutput;
import com.leadgencrm.opportunities.web.IfMatchParameter;
import com.leadgencrm.opportunities.web.JsonBody;
import com.leadgencrm.opportunities.web.MergePatchMapping;
import com.leadgencrm.opportunities.web.QueryParameters;
import com.leadgencrm.opportunities.web.Responses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping(path = "/dealStages", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Deal stages", description = "The steps of the sales pipeline, in pipeline order")
class DealStageController {

  private final DealStageService stages;
  private final Cursors cursors;
  private final CsvOutput csv;

  DealStageController(DealStageService stages, Cursors cursors, CsvOutput csv) {
    this.csv = csv;
    this.stages = stages;
    this.cursors = cursors;
  }

  @GetMapping
  @Operation(
      operationId = "listDealStages",
      summary = "List deal stages",
      description = "In pipeline order (weight, then id) unless sorted otherwise.")
  Page<DealStageView> list(@ParameterObject DealStageListParams params, QueryParameters query) {
    query.check(DealStageListParams.class);
    return stages.list(params, cursors.page(params, DealStageService.SORT_KEYS, query.all()));
  }

  /** The whole list (every page) as CSV, for {@code Accept: text/csv}. */
  @GetMapping(produces = CsvOutput.MEDIA_TYPE)
  @Operation(operationId = "listDealStages", summary = "List deal stages")
  void listCsv(
      @ParameterObject DealStageListParams params,
      QueryParameters query,
      HttpServletResponse response) {
    query.check(DealStageListParams.class);
    csv.everyPage(
        response,
        DealStageView.class,
        cursor ->
            stages.list(
                params,
                cursors.pageOfAll(params, cursor, DealStageService.SORT_KEYS, query.all())));
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(operationId = "createDealStage", summary = "Create a deal stage")
  ResponseEntity<DealStageView> create(@RequestBody @JsonBody(DealStageInput.class) JsonNode body) {
    return Responses.created(
        stages.create(JsonInput.read(body, DealStageInput.class)),
        created -> "/dealStages/" + created.id());
  }

  @GetMapping("/{id}")
  @Operation(operationId = "getDealStage", summary = "Read a deal stage")
  @Nullable ResponseEntity<DealStageView> get(@PathVariable long id, WebRequest request) {
    return Responses.unlessNotModified(request, stages.get(id));
  }

  @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(operationId = "replaceDealStage", summary = "Replace a deal stage")
  ResponseEntity<DealStageView> replace(
      @PathVariable long id,
      @RequestBody @JsonBody(DealStageInput.class) JsonNode body,
      IfMatchParameter ifMatch) {
    return Responses.ok(
        stages.replace(id, JsonInput.read(body, DealStageInput.class), ifMatch.parse()));
  }

  @MergePatchMapping(path = "/{id}")
  @Operation(
      operationId = "patchDealStage",
      summary = "Change some properties of a deal stage (JSON Merge Patch)",
      description = "Properties left out keep their values; null resets an optional property.")
  ResponseEntity<DealStageView> patch(
      @PathVariable long id,
      @RequestBody @JsonBody(DealStageInput.class) JsonNode patch,
      IfMatchParameter ifMatch) {
    return Responses.ok(
        stages.patch(id, JsonInput.patch(patch, DealStageInput.class), ifMatch.parse()));
  }

  @DeleteMapping("/{id}")
  @Operation(
      operationId = "deleteDealStage",
      summary = "Delete a deal stage",
      description =
          "A stage still used by opportunities is 409, unless moveTo names the stage they move to.")
  ResponseEntity<Void> delete(
      @PathVariable long id,
      @Parameter(description = "Move the stage's opportunities to this stage, then delete")
          @RequestParam(required = false)
          @Nullable Long moveTo,
      IfMatchParameter ifMatch) {
    stages.delete(id, moveTo, ifMatch.parse());
    return ResponseEntity.noContent().build();
  }
}
