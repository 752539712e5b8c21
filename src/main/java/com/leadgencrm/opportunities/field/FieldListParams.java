package com.leadgencrm.opportunities.field;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.Explode;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Query parameters of {@code GET /fields}. */
public record FieldListParams(
    @Parameter(explode = Explode.FALSE, description = "Only these ids (comma-separated)")
        @Size(max = 500)
        @Nullable List<Long> id,
    @Parameter(description = "Only fields of this kind of object", example = "opportunity")
        @Nullable String relationship,
    @Parameter(description = "Only the field with this systemName") @Nullable String systemName,
    @Parameter(description = "Only fields of this data type", example = "text")
        @Nullable String dataType,
    @Parameter(description = "Custom (true) or standard (false) fields") @Nullable Boolean isCustom,
    @Parameter(description = "Active or inactive fields") @Nullable Boolean isActive,
    @Parameter(description = "Required or optional fields") @Nullable Boolean isRequired,
    @Parameter(description = "Case-insensitive search in label", example = "contract")
        @Nullable String q,
    @Parameter(description = "Created at or after (date-time with offset, or date)")
        @Nullable Instant createTimestampFrom,
    @Parameter(description = "Created at or before") @Nullable Instant createTimestampTo,
    @Parameter(description = "Changed at or after: incremental sync")
        @Nullable Instant updateTimestampFrom,
    @Parameter(description = "Changed at or before") @Nullable Instant updateTimestampTo,
    @Parameter(
            description =
                "Sort: id (the default), label, systemName, createTimestamp or updateTimestamp, "
                    + "optionally followed by ,asc or ,desc",
            example = "label,asc")
        @Nullable String sort,
    @Parameter(description = "Page size, 1 to 500 (default 100)", example = "100")
        @Nullable Integer limit,
    @Parameter(description = "The nextCursor of the previous page") @Nullable String cursor) {}
