package com.leadgencrm.opportunities.opportunity;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Query parameters of {@code GET /opportunityLeads}. Id filters take several values, repeated or
 * comma-separated.
 */
public record OpportunityLeadListParams(
    @Parameter(description = "Only these ids") @Size(max = 500) @Nullable List<Long> id,
    @Parameter(description = "Only associations of these opportunities") @Size(max = 500)
        @Nullable List<Long> opportunityID,
    @Parameter(description = "Only associations of these leads") @Size(max = 500)
        @Nullable List<Long> leadID,
    @Parameter(description = "Created at or after: a date-time with offset, or a date (00:00 UTC)")
        @Nullable Instant createTimestampFrom,
    @Parameter(description = "Created at or before") @Nullable Instant createTimestampTo,
    @Parameter(
            description =
                "Sort key, optionally followed by ,asc (the default) or ,desc; id when left out",
            schema =
                @Schema(
                    type = "string",
                    allowableValues = {
                      "id",
                      "id,asc",
                      "id,desc",
                      "createTimestamp",
                      "createTimestamp,asc",
                      "createTimestamp,desc"
                    }))
        @Nullable String sort,
    @Parameter(
            description = "Page size",
            schema =
                @Schema(
                    type = "integer",
                    format = "int32",
                    minimum = "1",
                    maximum = "500",
                    defaultValue = "100"))
        @Nullable Integer limit,
    @Parameter(description = "The nextCursor of the previous page (with the same filters and sort)")
        @Nullable String cursor) {}
