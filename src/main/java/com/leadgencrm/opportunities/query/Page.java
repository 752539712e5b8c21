package com.leadgencrm.opportunities.query;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One page of a list, and the cursor of the next page ({@code null} on the last page). */
public record Page<T>(
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<T> items,
    @Schema(
            requiredMode = Schema.RequiredMode.REQUIRED,
            nullable = true,
            description = "Pass as `cursor` to get the next page; null on the last page")
        @Nullable String nextCursor) {}
