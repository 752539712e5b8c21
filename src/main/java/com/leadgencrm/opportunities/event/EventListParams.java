package com.leadgencrm.opportunities.event;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Query parameters of {@code GET /events}. */
record EventListParams(
    @Parameter(
            description =
                "Start after this event id (the last one already processed); the feed's start when "
                    + "neither after nor cursor is given")
        @Nullable Long after,
    @Parameter(
            description =
                "Only these types (comma-separated); <resourceType>.* stands for every type of a "
                    + "resource")
        @Nullable String type,
    @Parameter(
            description =
                "Only events of these resource types (comma-separated): opportunity, "
                    + "opportunityLead, dealStage, pipeline, field")
        @Nullable String resourceType,
    @Parameter(
            description =
                "Only events of these resource ids (resourceID=42&resourceID=43, or resourceID=42,43)")
        @Size(max = 500)
        @Nullable List<Long> resourceID,
    @Parameter(
            description = "Page size, 1 to 500 (default 100)",
            schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "500"))
        @Nullable Integer limit,
    @Parameter(description = "The nextCursor of the previous page (instead of after)")
        @Nullable String cursor) {}
