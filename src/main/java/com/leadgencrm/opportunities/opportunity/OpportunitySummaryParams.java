package com.leadgencrm.opportunities.opportunity;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The summary's own query parameters, besides every filter of the opportunity list. */
public record OpportunitySummaryParams(
    @Parameter(
            description =
                "One or two keys, comma-separated: pipelineID, dealStageID (in pipeline order),"
                    + " ownerID, accountID, campaignID, closeMonth (2026-12), closeQuarter"
                    + " (2026-Q4), isClosed, isWon, or the systemName of an active custom field of"
                    + " type text, boolean, integer or date. Groups are per currency as well.",
            required = true,
            schema = @Schema(type = "string"))
        @Nullable String groupBy,
    @Parameter(
            description =
                "The pipeline as it stood at this moment (a date-time with offset, or a date"
                    + " meaning 00:00 UTC), rebuilt from the change feed: within its retention"
                    + " (CRM_EVENTS_RETENTION_DAYS), not in the future. The filters apply to the"
                    + " opportunities as they were then. "
                    + OpportunityStates.CATCH_UP_DESCRIBED)
        @Nullable Instant asOf) {

  static final Set<String> NAMES = Set.of("groupBy", "asOf");
}
