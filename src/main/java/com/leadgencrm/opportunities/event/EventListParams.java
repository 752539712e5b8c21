package com.leadgencrm.opportunities.event;

import com.leadgencrm.opportunities.query.ListParameterDocs.PageSizeInWords;
import io.swagger.v3.oas.annotations.Parameter;
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
    @PageSizeInWords @Nullable Integer limit,
    @Parameter(description = "The nextCursor of the previous page (instead of after)")
        @Nullable String cursor) {}
