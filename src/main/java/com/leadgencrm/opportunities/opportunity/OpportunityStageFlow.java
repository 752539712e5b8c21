package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.ViewDocs.Representation;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** How opportunities moved through the deal stages within a period (SPEC §7). */
@Schema(name = "OpportunityStageFlow")
@Representation
public record OpportunityStageFlow(
    @Schema(example = "2026-10-01T00:00:00Z") Instant from,
    @Schema(example = "2026-12-31T00:00:00Z") Instant to,
    @Schema(description = "Every stage something happened in, in pipeline order")
        List<Stage> stages) {

  @Schema(name = "OpportunityStageFlowStage")
  @Representation
  public record Stage(
      @Schema(example = "3") long dealStageID,
      @Schema(example = "12", description = "Opportunities created in it or moved into it")
          long entered,
      @Schema(description = "Moves out of it, by the stage moved to (pipeline order)")
          List<Move> movedTo,
      @Schema(example = "2", description = "Won while in it") long won,
      @Schema(example = "1", description = "Lost while in it") long lost,
      @Schema(
              example = "6.5",
              description =
                  "Median days spent in it by the opportunities that left it in the period (2"
                      + " decimals; null when none left)")
          @Nullable BigDecimal medianDays,
      @Schema(example = "14.25", description = "90th percentile of the same (interpolated)")
          @Nullable BigDecimal p90Days) {}

  @Schema(name = "OpportunityStageFlowMove")
  @Representation
  public record Move(@Schema(example = "4") long dealStageID, @Schema(example = "5") long count) {}
}
