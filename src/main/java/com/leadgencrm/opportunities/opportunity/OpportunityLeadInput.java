package com.leadgencrm.opportunities.opportunity;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** An opportunity-lead association as clients create it. */
@Schema(name = "OpportunityLeadInput", description = "Associates a lead with an opportunity")
public record OpportunityLeadInput(
    @Schema(description = "An existing opportunity", example = "1051")
        @NotNull(message = "is required")
        @Min(1)
        @Max(OpportunityInput.MAX_ID)
        Long opportunityID,
    @Schema(description = "A lead of the leads service", example = "905270274")
        @NotNull(message = "is required")
        @Min(1)
        @Max(OpportunityInput.MAX_ID)
        Long leadID) {}
