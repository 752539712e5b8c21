package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.json.JsonInput;
import com.leadgencrm.opportunities.query.Cursors;
import com.leadgencrm.opportunities.query.ListParameterDocs.PageCursor;
import com.leadgencrm.opportunities.query.ListParameterDocs.PageSize;
import com.leadgencrm.opportunities.query.ListParameterDocs.SortKeys;
import com.leadgencrm.opportunities.query.Page;
import com.leadgencrm.opportunities.query.PageParams;
import com.leadgencrm.opportunities.web.Batch;
import com.leadgencrm.opportunities.web.IfMatchHeader;
import com.leadgencrm.opportunities.web.IfMatchParameter;
import com.leadgencrm.opportunities.web.JsonBody;
import com.leadgencrm.opportunities.web.MergePatchMapping;
import com.leadgencrm.opportunities.web.QueryParameters;
import com.leadgencrm.opportunities.web.Responses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping(path = "/opportunities", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
    name = "Opportunities",
    description = "Deals with an expected value, in a stage of the pipeline")
class OpportunityController {

  private final OpportunityQueries queries;
  private final OpportunityService opportunities;
  private final OpportunityBatches batches;
  private final OpportunityBatchUpserts upserts;
  private final OpportunityLeadService leads;
  private final Cursors cursors;

  OpportunityController(
      OpportunityQueries queries,
      OpportunityService opportunities,
      OpportunityBatches batches,
      OpportunityBatchUpserts upserts,
      OpportunityLeadService leads,
      Cursors cursors) {
    this.queries = queries;
    this.opportunities = opportunities;
    this.batches = batches;
    this.upserts = upserts;
    this.leads = leads;
    this.cursors = cursors;
  }

  @PostMapping(path = "/batch", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "createOpportunities",
      summary = "Create up to 500 opportunities",
      description =
          "Each item is validated like a single create. By default each item succeeds or fails on its own: "
              + "the answer is 200 with a result per item, in input order (201 and the id, or the item's "
              + "problem). With atomic=true all items are created or none: a failure answers the first "
              + "failing item's status, with every item's result in the problem's results. With "
              + "upsertBy, each item replaces the opportunity holding its key (200) or creates one "
              + "(201).")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      required = true,
      content = @Content(schema = @Schema(implementation = BatchDocs.Create.class)))
  Batch.Results createBatch(
      @RequestBody JsonNode body,
      @Parameter(description = "All or nothing") @RequestParam(defaultValue = "false")
          boolean atomic,
      @Parameter(
              description =
                  "Upsert by external key: the systemName of a unique custom field (isUnique),"
                      + " which every item must carry. An item whose value an opportunity holds"
                      + " replaces it (200), else it is created (201); items apply in order, so a"
                      + " key repeated in the batch replaces what the earlier item wrote. A"
                      + " caller who sees only their own opportunities gets 404 for another"
                      + " owner's. Concurrent batches with the same keys make one opportunity per"
                      + " key.")
          @RequestParam(required = false)
          @Nullable String upsertBy) {
    var items =
        Batch.items(body).stream()
            .map(item -> JsonInput.read(item, OpportunityInput.class))
            .toList();
    return Batch.results(
        upsertBy == null ? batches.create(items, atomic) : upserts.upsert(upsertBy, items, atomic));
  }

  @MergePatchMapping(path = "/batch")
  @Operation(
      operationId = "patchOpportunities",
      summary = "Change up to 500 opportunities (JSON Merge Patch each)",
      description =
          "Each item is a merge patch with the id of the opportunity it changes. Results as for the batch "
              + "create: 200 and the id per changed item.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      required = true,
      content = @Content(schema = @Schema(implementation = BatchDocs.Patch.class)))
  Batch.Results patchBatch(
      @RequestBody JsonNode body,
      @Parameter(description = "All or nothing") @RequestParam(defaultValue = "false")
          boolean atomic) {
    return Batch.results(
        batches.patch(
            Batch.items(body).stream()
                .map(
                    item ->
                        new OpportunityBatches.Change(
                            JsonInput.id(item),
                            JsonInput.patch(JsonInput.withoutId(item), OpportunityInput.class)))
                .toList(),
            atomic));
  }

  @GetMapping
  @Operation(operationId = "listOpportunities", summary = "List opportunities")
  Page<OpportunityView> list(@ParameterObject OpportunityListParams params, QueryParameters query) {
    query.check(OpportunityListParams.class, queries::filtersBy);
    return queries.list(
        params,
        query.all().toSingleValueMap(),
        cursors.page(params, OpportunityQueries.SORT_KEYS, query.all()));
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "createOpportunity",
      summary = "Create an opportunity",
      description =
          "Without probability, the opportunity takes its stage's defaultProbability. Setting "
              + "primaryLeadID also associates that lead.")
  ResponseEntity<OpportunityView> create(
      @RequestBody @JsonBody(OpportunityInput.class) JsonNode body) {
    return Responses.created(
        opportunities.create(JsonInput.read(body, OpportunityInput.class)),
        created -> "/opportunities/" + created.id());
  }

  @GetMapping("/{id}")
  @Operation(operationId = "getOpportunity", summary = "Read an opportunity")
  @Nullable ResponseEntity<OpportunityView> get(@PathVariable long id, WebRequest request) {
    return Responses.unlessNotModified(request, queries.get(id));
  }

  @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "replaceOpportunity",
      summary = "Replace an opportunity",
      description = "Optional properties left out take their defaults.")
  ResponseEntity<OpportunityView> replace(
      @PathVariable long id,
      @RequestBody @JsonBody(OpportunityInput.class) JsonNode body,
      IfMatchParameter ifMatch) {
    return Responses.ok(
        opportunities.replace(id, JsonInput.read(body, OpportunityInput.class), ifMatch.parse()));
  }

  @MergePatchMapping(path = "/{id}")
  @Operation(
      operationId = "patchOpportunity",
      summary = "Change some properties of an opportunity (JSON Merge Patch)",
      description =
          "Properties left out keep their values; null clears an optional property (and is 400 for "
              + "a required one). Moving to another stage leaves an explicitly set probability alone.")
  ResponseEntity<OpportunityView> patch(
      @PathVariable long id,
      @RequestBody @JsonBody(OpportunityInput.class) JsonNode patch,
      IfMatchParameter ifMatch) {
    return Responses.ok(
        opportunities.patch(id, JsonInput.patch(patch, OpportunityInput.class), ifMatch.parse()));
  }

  @DeleteMapping("/{id}")
  @Operation(
      operationId = "deleteOpportunity",
      summary = "Delete an opportunity",
      description =
          "It moves to the recycle bin with its lead associations, for CRM_RECYCLE_DAYS (30):"
              + " GET /opportunities/deleted lists it, POST /opportunities/{id}/restore brings it"
              + " back. Until then it is 404 everywhere else.")
  ResponseEntity<Void> delete(@PathVariable long id, IfMatchParameter ifMatch) {
    opportunities.delete(id, ifMatch.parse());
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/{id}/leads")
  @Operation(
      operationId = "listOpportunityLeadsOfOpportunity",
      summary = "List the leads of an opportunity",
      tags = "Opportunity leads")
  Page<OpportunityLeadView> listLeads(
      @PathVariable long id,
      @SortKeys({"id", "createTimestamp"}) @RequestParam(required = false) @Nullable String sort,
      @PageSize @RequestParam(required = false) @Nullable Integer limit,
      @PageCursor @RequestParam(required = false) @Nullable String cursor,
      QueryParameters query) {
    query.check(PagingParams.class);
    return leads.listFor(
        id, cursors.page(sort, limit, cursor, OpportunityLeadService.SORT_KEYS, query.all()));
  }

  @PutMapping("/{id}/leads/{leadID}")
  @Operation(
      operationId = "associateLead",
      summary = "Associate a lead with the opportunity (idempotent)",
      description = "201 when the association is new, 200 when it already existed.",
      tags = "Opportunity leads")
  @io.swagger.v3.oas.annotations.responses.ApiResponse(
      responseCode = "201",
      description = "Associated")
  @io.swagger.v3.oas.annotations.responses.ApiResponse(
      responseCode = "200",
      description = "Was already associated")
  ResponseEntity<OpportunityLeadView> associate(
      @PathVariable long id, @PathVariable("leadID") long leadId) {
    OpportunityLeadService.Association association = leads.associate(id, leadId);
    ResponseEntity.BodyBuilder response =
        association.created()
            ? ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/opportunityLeads/" + association.view().id()))
            : ResponseEntity.ok();
    return response.eTag(OpportunityLeadService.ETAG).body(association.view());
  }

  @DeleteMapping("/{id}/leads/{leadID}")
  @Operation(
      operationId = "dissociateLead",
      summary = "Remove a lead from the opportunity",
      description = "The primary lead cannot be removed while it is primary (409).",
      tags = "Opportunity leads")
  ResponseEntity<Void> dissociate(
      @PathVariable long id,
      @PathVariable("leadID") long leadId,
      @RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch) {
    leads.dissociate(id, leadId, IfMatchHeader.parse(ifMatch));
    return ResponseEntity.noContent().build();
  }

  /** The query parameters of a list that only pages. */
  record PagingParams(@Nullable String sort, @Nullable Integer limit, @Nullable String cursor)
      implements PageParams {}
}
