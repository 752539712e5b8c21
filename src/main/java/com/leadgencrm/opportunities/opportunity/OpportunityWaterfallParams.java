package com.leadgencrm.opportunities.opportunity;

import io.swagger.v3.oas.annotations.Parameter;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The period of the waterfall and the stage flow, besides every filter of the opportunity list: the
 * waterfall's two snapshots, the stage flow's moves between them.
 */
public record OpportunityWaterfallParams(
    @Parameter(
            description =
                "The period's start (waterfall: the first snapshot), a date-time with offset or a"
                    + " date meaning 00:00 UTC, within the change feed's retention",
            required = true)
        @Nullable Instant from,
    @Parameter(description = "The second snapshot: after from, not in the future", required = true)
        @Nullable Instant to) {

  static final Set<String> NAMES = Set.of("from", "to");
}
