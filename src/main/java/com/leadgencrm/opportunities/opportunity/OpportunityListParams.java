package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.RecordShape;
import com.leadgencrm.opportunities.query.ListParameterDocs.ChangedTo;
import com.leadgencrm.opportunities.query.ListParameterDocs.CreatedTo;
import com.leadgencrm.opportunities.query.ListParameterDocs.PageSize;
import com.leadgencrm.opportunities.query.ListParameterDocs.SameQueryCursor;
import com.leadgencrm.opportunities.query.ListParameterDocs.SortKeys;
import com.leadgencrm.opportunities.query.PageParams;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Query parameters of {@code GET /opportunities}. Id filters take several values, repeated ({@code
 * ownerID=7&ownerID=9}, as generated clients send arrays) or comma-separated ({@code ownerID=7,9}).
 * No filter has an example: Swagger UI would fill it in, and "Try it out" would filter.
 */
public record OpportunityListParams(
    @Parameter(description = "Only these ids") @Size(max = 500) @Nullable List<Long> id,
    @Parameter(description = "Only these owners (ownerID=7&ownerID=9, or ownerID=7,9)")
        @Size(max = 500)
        @Nullable List<Long> ownerID,
    @Parameter(description = "Only these deal stages") @Size(max = 500)
        @Nullable List<Long> dealStageID,
    @Parameter(description = "Only opportunities in the stages of these pipelines") @Size(max = 500)
        @Nullable List<Long> pipelineID,
    @Parameter(description = "Only these accounts") @Size(max = 500) @Nullable List<Long> accountID,
    @Parameter(description = "Only these campaigns") @Size(max = 500)
        @Nullable List<Long> campaignID,
    @Parameter(description = "Only these originating leads") @Size(max = 500)
        @Nullable List<Long> originatingLeadID,
    @Parameter(description = "Only these primary leads") @Size(max = 500)
        @Nullable List<Long> primaryLeadID,
    @Parameter(description = "Only opportunities associated with these leads") @Size(max = 500)
        @Nullable List<Long> leadID,
    @Parameter(description = "Only amounts in these currencies (currency=EUR,USD)") @Size(max = 500)
        @Nullable List<String> currency,
    @Parameter(description = "Closed (true) or open (false)") @Nullable Boolean isClosed,
    @Parameter(description = "Won or not") @Nullable Boolean isWon,
    @Parameter(description = "Active or not") @Nullable Boolean isActive,
    @Parameter(
            description =
                "Closing at or after: a date-time with offset (2026-12-01T00:00:00Z) or a date "
                    + "(2026-12-01, meaning 00:00 UTC)")
        @Nullable Instant closeDateFrom,
    @Parameter(description = "Closing at or before (date-time with offset, or date)")
        @Nullable Instant closeDateTo,
    @Parameter(description = "Amount at least (opportunities without an amount are left out)")
        @Nullable BigDecimal amountFrom,
    @Parameter(description = "Amount at most (opportunities without an amount are left out)")
        @Nullable BigDecimal amountTo,
    @Parameter(description = "Created at or after") @Nullable Instant createTimestampFrom,
    @CreatedTo @Nullable Instant createTimestampTo,
    @Parameter(description = "Changed at or after: incremental sync (sort=updateTimestamp)")
        @Nullable Instant updateTimestampFrom,
    @ChangedTo @Nullable Instant updateTimestampTo,
    @Parameter(
            description =
                "Case-insensitive search in opportunityName (acme finds Acme Corp): at least 3"
                    + " letters or digits in a row; %, _ and \\ match themselves")
        @Nullable String q,
    @SortKeys(
            value = {
              "id",
              "opportunityName",
              "amount",
              "currency",
              "probability",
              "closeDate",
              "createTimestamp",
              "updateTimestamp"
            },
            note = "Unset amounts and probabilities sort before all others.")
        @Nullable String sort,
    @PageSize @Nullable Integer limit,
    @SameQueryCursor @Nullable String cursor)
    implements PageParams {

  /** The declared parameters: they win over custom fields of the same name. */
  static final Set<String> NAMES = RecordShape.of(OpportunityListParams.class).names();
}
