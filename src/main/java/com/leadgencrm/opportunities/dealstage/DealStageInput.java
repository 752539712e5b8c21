package com.leadgencrm.opportunities.dealstage;

import com.leadgencrm.opportunities.core.Name;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/** A deal stage as clients write it (create and replace; a merge patch is applied onto it). */
@Schema(name = "DealStageInput", description = "A deal stage as clients write it")
public record DealStageInput(
    @Schema(description = "Name, unique whatever the letter case", example = "Demo scheduled") @Name
        String dealStageName,
    @Schema(
            description = "What the stage means",
            example = "A product demo is booked",
            nullable = true)
        @Size(max = 255)
        @Nullable String description,
    @Schema(
            description =
                "Probability (percent) an opportunity takes when it enters the stage "
                    + "without a probability of its own",
            example = "35",
            nullable = true)
        @DecimalMin("0")
        @DecimalMax("100")
        @Digits(integer = 3, fraction = 2)
        @Nullable BigDecimal defaultProbability,
    @Schema(
            description =
                "Position in the pipeline (stages list by weight, then id). "
                    + "Defaults to the end of the pipeline on create, and to the current position on replace.",
            example = "3",
            nullable = true)
        @Min(0)
        @Max(999_999_999_999_999_999L)
        @Nullable Long weight,
    @Schema(
            description =
                "False locks the stage: it can then be neither changed nor deleted, "
                    + "except to set isEditable back to true. Defaults to true.",
            example = "true",
            nullable = true)
        @Nullable Boolean isEditable,
    @Schema(
            description =
                "The pipeline the stage belongs to (an existing pipeline). Defaults to the"
                    + " default pipeline on create, and to the current one on replace.",
            example = "1",
            nullable = true)
        @Min(1)
        @Max(999_999_999_999_999_999L)
        @Nullable Long pipelineID) {}
