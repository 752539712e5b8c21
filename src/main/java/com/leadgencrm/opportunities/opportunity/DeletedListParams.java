package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.query.ListParameterDocs.PageSize;
import com.leadgencrm.opportunities.query.ListParameterDocs.SameQueryCursor;
import com.leadgencrm.opportunities.query.ListParameterDocs.SortKeys;
import com.leadgencrm.opportunities.query.PageParams;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Query parameters of {@code GET /opportunities/deleted}. */
public record DeletedListParams(
    @Parameter(description = "Only these ids") @Size(max = 500) @Nullable List<Long> id,
    @Parameter(description = "Only these owners (ownerID=7&ownerID=9, or ownerID=7,9)")
        @Size(max = 500)
        @Nullable List<Long> ownerID,
    @SortKeys({"id", "deletedTimestamp"}) @Nullable String sort,
    @PageSize @Nullable Integer limit,
    @SameQueryCursor @Nullable String cursor)
    implements PageParams {}
