package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.InvalidInput;
import com.leadgencrm.opportunities.json.JsonInput;
import com.leadgencrm.opportunities.web.IfMatchHeader;
import com.leadgencrm.opportunities.web.JsonBody;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@RestController
@RequestMapping(path = "/opportunities/by", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Opportunities")
class OpportunityUpsertController {

  private final OpportunityUpserts upserts;

  OpportunityUpsertController(OpportunityUpserts upserts) {
    this.upserts = upserts;
  }

  @PutMapping(path = "/{systemName}/{value}", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "upsertOpportunity",
      summary = "Create or replace the opportunity holding an external key",
      description =
          "systemName names a unique custom field (isUnique): the opportunity holding the value is"
              + " replaced (200), or one is created with it (201). The body is the whole"
              + " opportunity; it may leave the key out (the path gives it) but not contradict it."
              + " A caller who sees only their own opportunities gets 404 for another owner's."
              + " Concurrent upserts of one value make one opportunity.")
  ResponseEntity<OpportunityView> upsert(
      @Parameter(
              description = "systemName of a unique custom opportunity field",
              example = "erp_id")
          @PathVariable
          String systemName,
      @Parameter(description = "The value of the key", example = "SO-10023") @PathVariable
          String value,
      @RequestBody @JsonBody(OpportunityInput.class) JsonNode body,
      @Parameter(description = "Entity tag the replace is based on: 412 when stale (or absent)")
          @RequestHeader(name = "If-Match", required = false)
          @Nullable String ifMatch) {
    Object key = upserts.keyValue(systemName, value);
    if (body instanceof ObjectNode object) {
      JsonNode given = object.get(systemName);
      JsonNode expected =
          key instanceof Long integer
              ? object.numberNode(integer)
              : key instanceof Number number
                  ? object.numberNode(new BigDecimal(number.toString()))
                  : object.stringNode(key.toString());
      if (given != null
          && !given.isNull()
          && !(given.isNumber() && expected.isNumber()
              ? given.decimalValue().compareTo(expected.decimalValue()) == 0
              : given.equals(expected))) {
        throw new InvalidInput(
            systemName, "must be the key of the path (" + value + ") or left out");
      }
      object.set(systemName, expected);
    }
    OpportunityUpserts.Upserted upserted =
        upserts.upsert(
            systemName,
            value,
            JsonInput.read(body, OpportunityInput.class),
            IfMatchHeader.parse(ifMatch));
    var opportunity = upserted.opportunity();
    return (upserted.created()
            ? ResponseEntity.created(URI.create("/opportunities/" + opportunity.body().id()))
            : ResponseEntity.ok())
        .eTag(opportunity.etag())
        .body(opportunity.body());
  }
}
