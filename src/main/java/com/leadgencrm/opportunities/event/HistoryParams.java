package com.leadgencrm.opportunities.event;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** Query parameters of {@code GET /opportunities/{id}/history}. */
record HistoryParams(
    @Parameter(
            description = "Page size, 1 to 500 (default 100)",
            schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "500"))
        @Nullable Integer limit,
    @Parameter(description = "The nextCursor of the previous page") @Nullable String cursor) {}
