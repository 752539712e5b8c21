package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.query.ListParameterDocs.CreatedFrom;
import com.leadgencrm.opportunities.query.ListParameterDocs.CreatedTo;
import com.leadgencrm.opportunities.query.ListParameterDocs.PageSize;
import com.leadgencrm.opportunities.query.ListParameterDocs.SameQueryCursor;
import com.leadgencrm.opportunities.query.ListParameterDocs.SortKeys;
import com.leadgencrm.opportunities.query.PageParams;
import io.swagger.v3.oas.annotations.Parameter;
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
    @CreatedFrom @Nullable Instant createTimestampFrom,
    @CreatedTo @Nullable Instant createTimestampTo,
    @SortKeys({"id", "createTimestamp"}) @Nullable String sort,
    @PageSize @Nullable Integer limit,
    @SameQueryCursor @Nullable String cursor)
    implements PageParams {}
