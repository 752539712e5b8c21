package com.leadgencrm.opportunities.opportunity;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Query parameters of {@code GET /opportunities/deleted}. */
public record DeletedListParams(
    @Parameter(description = "Only these ids") @Size(max = 500) @Nullable List<Long> id,
    @Parameter(description = "Only these owners (ownerID=7&ownerID=9, or ownerID=7,9)")
        @Size(max = 500)
        @Nullable List<Long> ownerID,
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
                      "deletedTimestamp",
                      "deletedTimestamp,asc",
                      "deletedTimestamp,desc"
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
