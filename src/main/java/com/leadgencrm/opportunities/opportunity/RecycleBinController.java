package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.query.Cursors;
import com.leadgencrm.opportunities.query.Page;
import com.leadgencrm.opportunities.web.QueryParameters;
import com.leadgencrm.opportunities.web.Responses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/opportunities", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
    name = "Recycle bin",
    description =
        "Deleted opportunities, kept with their lead associations for CRM_RECYCLE_DAYS (30)")
class RecycleBinController {

  private final RecycleBin bin;
  private final Cursors cursors;

  RecycleBinController(RecycleBin bin, Cursors cursors) {
    this.bin = bin;
    this.cursors = cursors;
  }

  @GetMapping("/deleted")
  @Operation(
      operationId = "listDeletedOpportunities",
      summary = "List deleted opportunities",
      description =
          "The recycle bin, in id order unless sorted otherwise; a caller who sees only their own"
              + " opportunities sees only their own here.")
  Page<DeletedOpportunityView> list(
      @ParameterObject DeletedListParams params, QueryParameters query) {
    query.check(DeletedListParams.class);
    return bin.list(params, cursors.page(params, RecycleBin.SORT_KEYS, query.all()));
  }

  @PostMapping("/{id}/restore")
  @Operation(
      operationId = "restoreOpportunity",
      summary = "Restore a deleted opportunity",
      description =
          "Brings it back from the recycle bin with its lead associations, with the same ids (and"
              + " a new entity tag). 409 when its deal stage no longer exists, unless moveTo"
              + " names the stage it comes back into.")
  ResponseEntity<OpportunityView> restore(
      @PathVariable long id,
      @Parameter(description = "The deal stage it comes back into (instead of its own)")
          @RequestParam(required = false)
          @Nullable Long moveTo) {
    return Responses.ok(bin.restore(id, moveTo));
  }

  @DeleteMapping("/deleted/{id}")
  @Operation(
      operationId = "purgeOpportunity",
      summary = "Purge a deleted opportunity for good (Administrators)",
      description = "It cannot be restored afterwards.")
  ResponseEntity<Void> purge(@PathVariable long id) {
    bin.purge(id);
    return ResponseEntity.noContent().build();
  }
}
