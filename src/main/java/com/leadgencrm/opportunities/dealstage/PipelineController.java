package com.leadgencrm.opportunities.dealstage;

import com.leadgencrm.opportunities.json.JsonInput;
import com.leadgencrm.opportunities.query.Cursors;
import com.leadgencrm.opportunities.query.Page;
import com.leadgencrm.opportunities.web.IfMatchParameter;
import com.leadgencrm.opportunities.web.JsonBody;
import com.leadgencrm.opportunities.web.MergePatchMapping;
import com.leadgencrm.opportunities.web.QueryParameters;
import com.leadgencrm.opportunities.web.Responses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
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
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping(path = "/pipelines", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
    name = "Pipelines",
    description = "Sales processes, each with its own deal stages; one is the default")
class PipelineController {

  private final PipelineService pipelines;
  private final Cursors cursors;

  PipelineController(PipelineService pipelines, Cursors cursors) {
    this.pipelines = pipelines;
    this.cursors = cursors;
  }

  @GetMapping
  @Operation(
      operationId = "listPipelines",
      summary = "List pipelines",
      description = "In order (weight, then id) unless sorted otherwise.")
  Page<PipelineView> list(@ParameterObject PipelineListParams params, QueryParameters query) {
    query.check(PipelineListParams.class);
    return pipelines.list(params, cursors.page(params, PipelineService.SORT_KEYS, query.all()));
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(operationId = "createPipeline", summary = "Create a pipeline")
  ResponseEntity<PipelineView> create(@RequestBody @JsonBody(PipelineInput.class) JsonNode body) {
    return Responses.created(
        pipelines.create(JsonInput.read(body, PipelineInput.class)),
        created -> "/pipelines/" + created.id());
  }

  @GetMapping("/{id}")
  @Operation(operationId = "getPipeline", summary = "Read a pipeline")
  @Nullable ResponseEntity<PipelineView> get(@PathVariable long id, WebRequest request) {
    return Responses.unlessNotModified(request, pipelines.get(id));
  }

  @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(operationId = "replacePipeline", summary = "Replace a pipeline")
  ResponseEntity<PipelineView> replace(
      @PathVariable long id,
      @RequestBody @JsonBody(PipelineInput.class) JsonNode body,
      IfMatchParameter ifMatch) {
    return Responses.ok(
        pipelines.replace(id, JsonInput.read(body, PipelineInput.class), ifMatch.parse()));
  }

  @MergePatchMapping(path = "/{id}")
  @Operation(
      operationId = "patchPipeline",
      summary = "Change some properties of a pipeline (JSON Merge Patch)",
      description = "Properties left out keep their values; null resets an optional property.")
  ResponseEntity<PipelineView> patch(
      @PathVariable long id,
      @RequestBody @JsonBody(PipelineInput.class) JsonNode patch,
      IfMatchParameter ifMatch) {
    return Responses.ok(
        pipelines.patch(id, JsonInput.patch(patch, PipelineInput.class), ifMatch.parse()));
  }

  @DeleteMapping("/{id}")
  @Operation(
      operationId = "deletePipeline",
      summary = "Delete a pipeline",
      description =
          "409 for the default pipeline, the last one, and one that still has deal stages.")
  ResponseEntity<Void> delete(@PathVariable long id, IfMatchParameter ifMatch) {
    pipelines.delete(id, ifMatch.parse());
    return ResponseEntity.noContent().build();
  }
}
