package com.leadgencrm.opportunities.query;

import com.leadgencrm.opportunities.core.ViewDocs.Representation;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One page of a list, and the cursor of the next page ({@code null} on the last page). */
@Representation
public record Page<T>(
    List<T> items,
    @Schema(description = "Pass as `cursor` to get the next page; null on the last page")
        @Nullable String nextCursor) {}
