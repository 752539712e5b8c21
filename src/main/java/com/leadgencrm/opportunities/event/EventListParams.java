package com.leadgencrm.opportunities.event;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.Explode;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Query parameters of {@code GET /events}. */
record EventListParams(
    @Parameter(
            description =
                "Start after this event id (the last one already processed); the feed's start when "
                    + "neither after nor cursor is given",
            example = "1233")
        @Nullable Long after,
    @Parameter(
            description =
                "Only these types (comma-separated); <resourceType>.* stands for every type of a "
                    + "resource",
            example = "opportunity.created,opportunity.updated")
        @Nullable String type,
    @Parameter(
            description =
                "Only events of these resource types (comma-separated): opportunity, "
                    + "opportunityLead, dealStage, pipeline, field",
            example = "opportunity")
        @Nullable String resourceType,
    @Parameter(
            explode = Explode.FALSE,
            description = "Only events of these resource ids (comma-separated)",
            example = "42")
        @Size(max = 500)
        @Nullable List<Long> resourceID,
    @Parameter(description = "Page size, 1 to 500 (default 100)", example = "500")
        @Nullable Integer limit,
    @Parameter(description = "The nextCursor of the previous page (instead of after)")
        @Nullable String cursor) {}
