package com.leadgencrm.opportunities.dealstage;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.Explode;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Query parameters of {@code GET /dealStages}. */
public record DealStageListParams(
    @Parameter(
            explode = Explode.FALSE,
            description = "Only these ids (comma-separated)",
            example = "1,2")
        @Size(max = 500)
        @Nullable List<Long> id,
    @Parameter(description = "Only editable (true) or locked (false) stages")
        @Nullable Boolean isEditable,
    @Parameter(description = "Case-insensitive search in dealStageName", example = "clos")
        @Nullable String q,
    @Parameter(description = "Created at or after (date-time with offset, or date)")
        @Nullable Instant createTimestampFrom,
    @Parameter(description = "Created at or before") @Nullable Instant createTimestampTo,
    @Parameter(description = "Changed at or after: incremental sync")
        @Nullable Instant updateTimestampFrom,
    @Parameter(description = "Changed at or before") @Nullable Instant updateTimestampTo,
    @Parameter(
            description =
                "Sort: weight (pipeline order, the default), id, dealStageName, "
                    + "createTimestamp or updateTimestamp, optionally followed by ,asc or ,desc",
            example = "weight,asc")
        @Nullable String sort,
    @Parameter(description = "Page size, 1 to 500 (default 100)", example = "100")
        @Nullable Integer limit,
    @Parameter(description = "The nextCursor of the previous page") @Nullable String cursor) {}
