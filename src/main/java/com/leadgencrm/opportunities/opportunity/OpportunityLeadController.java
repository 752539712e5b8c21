package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.json.JsonInput;
import com.leadgencrm.opportunities.query.Cursors;
import com.leadgencrm.opportunities.query.Page;
import com.leadgencrm.opportunities.web.Batch;
import com.leadgencrm.opportunities.web.IfMatchParameter;
import com.leadgencrm.opportunities.web.JsonBody;
import com.leadgencrm.opportunities.web.QueryParameters;
import com.leadgencrm.opportunities.web.Responses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping(path = "/opportunityLeads", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
    name = "Opportunity leads",
    description = "Associations of leads with opportunities: one per pair")
class OpportunityLeadController {

  private final OpportunityLeadService leads;
  private final Cursors cursors;

  OpportunityLeadController(OpportunityLeadService leads, Cursors cursors) {
    this.leads = leads;
    this.cursors = cursors;
  }

  @GetMapping
  @Operation(operationId = "listOpportunityLeads", summary = "List opportunity-lead associations")
  Page<OpportunityLeadView> list(
      @ParameterObject OpportunityLeadListParams params, QueryParameters query) {
    query.check(OpportunityLeadListParams.class);
    return leads.list(params, cursors.page(params, OpportunityLeadService.SORT_KEYS, query.all()));
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "createOpportunityLead",
      summary = "Associate a lead with an opportunity",
      description =
          "A second association of the same pair is 409, naming the existing one (existingId).")
  ResponseEntity<OpportunityLeadView> create(
      @RequestBody @JsonBody(OpportunityLeadInput.class) JsonNode body) {
    return Responses.created(
        leads.create(JsonInput.read(body, OpportunityLeadInput.class)),
        created -> "/opportunityLeads/" + created.id());
  }

  @PostMapping(path = "/batch", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "createOpportunityLeads",
      summary = "Create up to 500 associations",
      description =
          "Each item is answered like a single create (201, or 409 naming the existing association). "
              + "With atomic=true all are created or none.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      required = true,
      content = @Content(schema = @Schema(implementation = BatchDocs.CreateLeads.class)))
  Batch.Results createBatch(
      @RequestBody JsonNode body,
      @Parameter(description = "All or nothing") @RequestParam(defaultValue = "false")
          boolean atomic) {
    return Batch.results(
        leads.createAll(
            Batch.items(body).stream()
                .map(item -> JsonInput.read(item, OpportunityLeadInput.class))
                .toList(),
            atomic));
  }

  @GetMapping("/{id}")
  @Operation(operationId = "getOpportunityLead", summary = "Read an opportunity-lead association")
  @Nullable ResponseEntity<OpportunityLeadView> get(@PathVariable long id, WebRequest request) {
    return Responses.unlessNotModified(request, leads.get(id));
  }

  @DeleteMapping("/{id}")
  @Operation(
      operationId = "deleteOpportunityLead",
      summary = "Delete an opportunity-lead association",
      description =
          "The association with the opportunity's primary lead stays while the lead is primary (409).")
  ResponseEntity<Void> delete(@PathVariable long id, IfMatchParameter ifMatch) {
    leads.delete(id, ifMatch.parse());
    return ResponseEntity.noContent().build();
  }
}
