package com.leadgencrm.opportunities.opportunity;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** An opportunity-lead association as clients read it. */
@Schema(name = "OpportunityLead", description = "A lead associated with an opportunity")
public record OpportunityLeadView(
    @Schema(example = "3301", requiredMode = Schema.RequiredMode.REQUIRED) long id,
    @Schema(example = "1051", requiredMode = Schema.RequiredMode.REQUIRED) long opportunityID,
    @Schema(example = "905270274", requiredMode = Schema.RequiredMode.REQUIRED) long leadID,
    @Schema(example = "2026-11-28T09:30:00Z", requiredMode = Schema.RequiredMode.REQUIRED)
        Instant createTimestamp,
    @Schema(example = "2026-11-28T09:30:00Z", requiredMode = Schema.RequiredMode.REQUIRED)
        Instant updateTimestamp) {}
