package com.leadgencrm.opportunities.opportunity;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
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
        @Nullable String groupBy) {

  static final Set<String> NAMES = Set.of("groupBy");
}
