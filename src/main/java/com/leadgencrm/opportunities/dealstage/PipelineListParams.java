package com.leadgencrm.opportunities.dealstage;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Query parameters of {@code GET /pipelines}. */
public record PipelineListParams(
    @Parameter(description = "Only these ids (id=1&id=2, or id=1,2)") @Size(max = 500)
        @Nullable List<Long> id,
    @Parameter(description = "Only the default pipeline (true) or the others (false)")
        @Nullable Boolean isDefault,
    @Parameter(description = "Case-insensitive search in name (renew finds Renewals)")
        @Nullable String q,
    @Parameter(description = "Created at or after: a date-time with offset, or a date (00:00 UTC)")
        @Nullable Instant createTimestampFrom,
    @Parameter(description = "Created at or before") @Nullable Instant createTimestampTo,
    @Parameter(description = "Changed at or after: incremental sync")
        @Nullable Instant updateTimestampFrom,
    @Parameter(description = "Changed at or before") @Nullable Instant updateTimestampTo,
    @Parameter(
            description =
                "Sort key, optionally followed by ,asc (the default) or ,desc; weight when left out",
            schema =
                @Schema(
                    type = "string",
                    allowableValues = {
                      "weight",
                      "weight,asc",
                      "weight,desc",
                      "id",
                      "id,asc",
                      "id,desc",
                      "name",
                      "name,asc",
                      "name,desc",
                      "createTimestamp",
                      "createTimestamp,asc",
                      "createTimestamp,desc",
                      "updateTimestamp",
                      "updateTimestamp,asc",
                      "updateTimestamp,desc"
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
