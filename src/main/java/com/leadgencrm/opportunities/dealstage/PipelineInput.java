package com.leadgencrm.opportunities.dealstage;

import com.leadgencrm.opportunities.core.Name;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

/** A pipeline as clients write it (create and replace; a merge patch is applied onto it). */
@Schema(name = "PipelineInput", description = "A pipeline as clients write it")
public record PipelineInput(
    @Schema(description = "Name, unique whatever the letter case", example = "Renewals") @Name
        String name,
    @Schema(
            description =
                "The pipeline of stages created without a pipelineID. Setting it true takes it"
                    + " from the current default; the default cannot give it up by itself (409)."
                    + " Defaults to false on create, and to the current value on replace.",
            example = "false",
            nullable = true)
        @Nullable Boolean isDefault,
    @Schema(
            description =
                "Position among pipelines (they list by weight, then id). Defaults to the end on"
                    + " create, and to the current position on replace.",
            example = "2",
            nullable = true)
        @Min(0)
        @Max(999_999_999_999_999_999L)
        @Nullable Long weight) {}
