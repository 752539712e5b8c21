package com.leadgencrm.opportunities.opportunity;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** How opportunities moved through the deal stages within a period (SPEC §7). */
@Schema(name = "OpportunityStageFlow")
public record OpportunityStageFlow(
    @Schema(example = "2026-10-01T00:00:00Z", requiredMode = Schema.RequiredMode.REQUIRED)
        Instant from,
    @Schema(example = "2026-12-31T00:00:00Z", requiredMode = Schema.RequiredMode.REQUIRED)
        Instant to,
    @Schema(
            description = "Every stage something happened in, in pipeline order",
            requiredMode = Schema.RequiredMode.REQUIRED)
        List<Stage> stages) {

  @Schema(name = "OpportunityStageFlowStage")
  public record Stage(
      @Schema(example = "3", requiredMode = Schema.RequiredMode.REQUIRED) long dealStageID,
      @Schema(
              example = "12",
              description = "Opportunities created in it or moved into it",
              requiredMode = Schema.RequiredMode.REQUIRED)
          long entered,
      @Schema(
              description = "Moves out of it, by the stage moved to (pipeline order)",
              requiredMode = Schema.RequiredMode.REQUIRED)
          List<Move> movedTo,
      @Schema(
              example = "2",
              description = "Won while in it",
              requiredMode = Schema.RequiredMode.REQUIRED)
          long won,
      @Schema(
              example = "1",
              description = "Lost while in it",
              requiredMode = Schema.RequiredMode.REQUIRED)
          long lost,
      @Schema(
              example = "6.5",
              description =
                  "Median days spent in it by the opportunities that left it in the period (2"
                      + " decimals; null when none left)",
              nullable = true,
              requiredMode = Schema.RequiredMode.REQUIRED)
          @Nullable BigDecimal medianDays,
      @Schema(
              example = "14.25",
              description = "90th percentile of the same (interpolated)",
              nullable = true,
              requiredMode = Schema.RequiredMode.REQUIRED)
          @Nullable BigDecimal p90Days) {}

  @Schema(name = "OpportunityStageFlowMove")
  public record Move(
      @Schema(example = "4", requiredMode = Schema.RequiredMode.REQUIRED) long dealStageID,
      @Schema(example = "5", requiredMode = Schema.RequiredMode.REQUIRED) long count) {}
}
