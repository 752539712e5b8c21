package com.leadgencrm.opportunities.opportunity;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An opportunity in the recycle bin, as clients read it. */
@Schema(
    name = "DeletedOpportunity",
    description =
        "A deleted opportunity in the recycle bin: POST /opportunities/{id}/restore brings it back"
            + " with its lead associations, until it is purged (purgeTimestamp, or DELETE"
            + " /opportunities/deleted/{id})")
public record DeletedOpportunityView(
    @Schema(example = "1051", requiredMode = Schema.RequiredMode.REQUIRED) long id,
    @Schema(example = "2026-11-28T09:30:00Z", requiredMode = Schema.RequiredMode.REQUIRED)
        Instant deletedTimestamp,
    @Schema(
            description = "User who deleted it (null: the service itself)",
            example = "7",
            nullable = true,
            requiredMode = Schema.RequiredMode.REQUIRED)
        @Nullable Long deletedBy,
    @Schema(
            description = "When it is purged for good (deletedTimestamp + CRM_RECYCLE_DAYS)",
            example = "2026-12-28T09:30:00Z",
            requiredMode = Schema.RequiredMode.REQUIRED)
        Instant purgeTimestamp,
    @Schema(
            description = "The opportunity as it was when deleted",
            requiredMode = Schema.RequiredMode.REQUIRED)
        OpportunityView opportunity,
    @Schema(
            description = "How many lead associations a restore brings back",
            example = "2",
            requiredMode = Schema.RequiredMode.REQUIRED)
        int leadCount) {}
