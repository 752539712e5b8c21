package com.leadgencrm.opportunities.opportunity;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.Explode;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Query parameters of {@code GET /opportunityLeads}. */
public record OpportunityLeadListParams(
    @Parameter(explode = Explode.FALSE, description = "Only these ids") @Size(max = 500)
        @Nullable List<Long> id,
    @Parameter(explode = Explode.FALSE, description = "Only associations of these opportunities")
        @Size(max = 500)
        @Nullable List<Long> opportunityID,
    @Parameter(explode = Explode.FALSE, description = "Only associations of these leads")
        @Size(max = 500)
        @Nullable List<Long> leadID,
    @Parameter(description = "Created at or after") @Nullable Instant createTimestampFrom,
    @Parameter(description = "Created at or before") @Nullable Instant createTimestampTo,
    @Parameter(
            description =
                "Sort: id (the default) or createTimestamp, optionally followed by ,asc or ,desc")
        @Nullable String sort,
    @Parameter(description = "Page size, 1 to 500 (default 100)") @Nullable Integer limit,
    @Parameter(description = "The nextCursor of the previous page") @Nullable String cursor) {}
