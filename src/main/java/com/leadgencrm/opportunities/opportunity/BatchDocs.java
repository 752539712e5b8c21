package com.leadgencrm.opportunities.opportunity;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** Request bodies of the batch endpoints, as the OpenAPI document shows them. */
final class BatchDocs {

  private BatchDocs() {}

  @Schema(name = "OpportunityBatch", description = "Up to 500 opportunities to create")
  record Create(
      @ArraySchema(minItems = 1, maxItems = 500, arraySchema = @Schema(requiredMode = REQUIRED))
          List<OpportunityInput> items) {}

  /** Its items are OpportunityPatchItem, a schema the document derives (OpenApiConfiguration). */
  @Schema(
      name = "OpportunityPatchBatch",
      description = "Up to 500 merge patches, each naming the opportunity it changes by id")
  record Patch(
      @ArraySchema(minItems = 1, maxItems = 500, arraySchema = @Schema(requiredMode = REQUIRED))
          List<Object> items) {}

  @Schema(name = "OpportunityLeadBatch", description = "Up to 500 associations to create")
  record CreateLeads(
      @ArraySchema(minItems = 1, maxItems = 500, arraySchema = @Schema(requiredMode = REQUIRED))
          List<OpportunityLeadInput> items) {}
}
