package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.ViewDocs.Representation;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * How the pipeline of a close period changed between two moments (SPEC §7), per currency: for
 * counts (without increased and decreased) and for amounts, start + created + pulledIn - pushedOut
 * + increased - decreased - won - lost - removed = end.
 */
@Schema(name = "OpportunityWaterfall")
@Representation
public record OpportunityWaterfall(
    @Schema(example = "2026-10-01T00:00:00Z") Instant from,
    @Schema(example = "2026-11-30T00:00:00Z") Instant to,
    @Schema(
            example = "2026-10-01T00:00:00Z",
            description = "The close period's first moment (default: the quarter holding to)")
        Instant closeDateFrom,
    @Schema(example = "2026-12-31T23:59:59.999999Z", description = "The close period's last moment")
        Instant closeDateTo,
    @Schema(description = "One per currency, by code") List<Currency> currencies) {

  @Schema(name = "OpportunityWaterfallCurrency")
  @Representation
  public record Currency(
      @Schema(example = "USD") String currency,
      @Schema(description = "Open, closing in the period, at from") Step start,
      @Schema(description = "Created after from, in the pipeline at to") Step created,
      @Schema(
              description =
                  "Existing at from but not in its pipeline (another close date, closed, other"
                      + " filters), in the pipeline at to")
          Step pulledIn,
      @Schema(description = "In the pipeline at from, still open at to but out of its pipeline")
          Step pushedOut,
      @Schema(description = "Amount increases of those in both (count: how many increased)")
          Step increased,
      @Schema(description = "Amount decreases of those in both (count: how many decreased)")
          Step decreased,
      @Schema(description = "In the pipeline at from, won by to (at their amount at from)")
          Step won,
      @Schema(description = "In the pipeline at from, lost by to (at their amount at from)")
          Step lost,
      @Schema(description = "In the pipeline at from, deleted by to") Step removed,
      @Schema(description = "The pipeline at to") Step end) {}

  /** How many opportunities, and their amounts (exact, in the currency's minor units). */
  @Schema(name = "OpportunityWaterfallStep")
  @Representation
  public record Step(
      @Schema(example = "4") long count, @Schema(example = "52000.00") BigDecimal amount) {}
}
