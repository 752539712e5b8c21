package com.leadgencrm.opportunities.opportunity;

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
public record OpportunityWaterfall(
    @Schema(example = "2026-10-01T00:00:00Z", requiredMode = Schema.RequiredMode.REQUIRED)
        Instant from,
    @Schema(example = "2026-11-30T00:00:00Z", requiredMode = Schema.RequiredMode.REQUIRED)
        Instant to,
    @Schema(
            example = "2026-10-01T00:00:00Z",
            description = "The close period's first moment (default: the quarter holding to)",
            requiredMode = Schema.RequiredMode.REQUIRED)
        Instant closeDateFrom,
    @Schema(
            example = "2026-12-31T23:59:59.999999Z",
            description = "The close period's last moment",
            requiredMode = Schema.RequiredMode.REQUIRED)
        Instant closeDateTo,
    @Schema(description = "One per currency, by code", requiredMode = Schema.RequiredMode.REQUIRED)
        List<Currency> currencies) {

  @Schema(name = "OpportunityWaterfallCurrency")
  public record Currency(
      @Schema(example = "USD", requiredMode = Schema.RequiredMode.REQUIRED) String currency,
      @Schema(
              description = "Open, closing in the period, at from",
              requiredMode = Schema.RequiredMode.REQUIRED)
          Step start,
      @Schema(
              description = "Created after from, in the pipeline at to",
              requiredMode = Schema.RequiredMode.REQUIRED)
          Step created,
      @Schema(
              description =
                  "Existing at from but not in its pipeline (another close date, closed, other"
                      + " filters), in the pipeline at to",
              requiredMode = Schema.RequiredMode.REQUIRED)
          Step pulledIn,
      @Schema(
              description = "In the pipeline at from, still open at to but out of its pipeline",
              requiredMode = Schema.RequiredMode.REQUIRED)
          Step pushedOut,
      @Schema(
              description = "Amount increases of those in both (count: how many increased)",
              requiredMode = Schema.RequiredMode.REQUIRED)
          Step increased,
      @Schema(
              description = "Amount decreases of those in both (count: how many decreased)",
              requiredMode = Schema.RequiredMode.REQUIRED)
          Step decreased,
      @Schema(
              description = "In the pipeline at from, won by to (at their amount at from)",
              requiredMode = Schema.RequiredMode.REQUIRED)
          Step won,
      @Schema(
              description = "In the pipeline at from, lost by to (at their amount at from)",
              requiredMode = Schema.RequiredMode.REQUIRED)
          Step lost,
      @Schema(
              description = "In the pipeline at from, deleted by to",
              requiredMode = Schema.RequiredMode.REQUIRED)
          Step removed,
      @Schema(description = "The pipeline at to", requiredMode = Schema.RequiredMode.REQUIRED)
          Step end) {}

  /** How many opportunities, and their amounts (exact, in the currency's minor units). */
  @Schema(name = "OpportunityWaterfallStep")
  public record Step(
      @Schema(example = "4", requiredMode = Schema.RequiredMode.REQUIRED) long count,
      @Schema(example = "52000.00", requiredMode = Schema.RequiredMode.REQUIRED)
          BigDecimal amount) {}
}
