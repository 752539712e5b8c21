package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.ViewDocs.Representation;
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
@Representation
public record DeletedOpportunityView(
    @Schema(example = "1051") long id,
    @Schema(example = "2026-11-28T09:30:00Z") Instant deletedTimestamp,
    @Schema(description = "User who deleted it (null: the service itself)", example = "7")
        @Nullable Long deletedBy,
    @Schema(
            description = "When it is purged for good (deletedTimestamp + CRM_RECYCLE_DAYS)",
            example = "2026-12-28T09:30:00Z")
        Instant purgeTimestamp,
    @Schema(description = "The opportunity as it was when deleted") OpportunityView opportunity,
    @Schema(description = "How many lead associations a restore brings back", example = "2")
        int leadCount) {}
