package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.RecordShape;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.Explode;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Query parameters of {@code GET /opportunities}. Id filters take comma-separated values. */
public record OpportunityListParams(
    @Parameter(explode = Explode.FALSE, description = "Only these ids") @Size(max = 500)
        @Nullable List<Long> id,
    @Parameter(explode = Explode.FALSE, description = "Only these owners", example = "7,9")
        @Size(max = 500)
        @Nullable List<Long> ownerID,
    @Parameter(explode = Explode.FALSE, description = "Only these deal stages") @Size(max = 500)
        @Nullable List<Long> dealStageID,
    @Parameter(explode = Explode.FALSE, description = "Only these accounts") @Size(max = 500)
        @Nullable List<Long> accountID,
    @Parameter(explode = Explode.FALSE, description = "Only these campaigns") @Size(max = 500)
        @Nullable List<Long> campaignID,
    @Parameter(explode = Explode.FALSE, description = "Only these originating leads")
        @Size(max = 500)
        @Nullable List<Long> originatingLeadID,
    @Parameter(explode = Explode.FALSE, description = "Only these primary leads") @Size(max = 500)
        @Nullable List<Long> primaryLeadID,
    @Parameter(
            explode = Explode.FALSE,
            description = "Only opportunities associated with these leads")
        @Size(max = 500)
        @Nullable List<Long> leadID,
    @Parameter(description = "Closed (true) or open (false)") @Nullable Boolean isClosed,
    @Parameter(description = "Won or not") @Nullable Boolean isWon,
    @Parameter(description = "Active or not") @Nullable Boolean isActive,
    @Parameter(
            description = "Closing at or after (date-time with offset, or date)",
            example = "2026-12-01")
        @Nullable Instant closeDateFrom,
    @Parameter(description = "Closing at or before", example = "2026-12-31")
        @Nullable Instant closeDateTo,
    @Parameter(description = "Amount at least (opportunities without an amount are left out)")
        @Nullable BigDecimal amountFrom,
    @Parameter(description = "Amount at most (opportunities without an amount are left out)")
        @Nullable BigDecimal amountTo,
    @Parameter(description = "Created at or after") @Nullable Instant createTimestampFrom,
    @Parameter(description = "Created at or before") @Nullable Instant createTimestampTo,
    @Parameter(description = "Changed at or after: incremental sync (sort=updateTimestamp)")
        @Nullable Instant updateTimestampFrom,
    @Parameter(description = "Changed at or before") @Nullable Instant updateTimestampTo,
    @Parameter(
            description =
                "Case-insensitive search in opportunityName: at least 3 letters or digits in a"
                    + " row; %, _ and \\ match themselves",
            example = "acme")
        @Nullable String q,
    @Parameter(
            description =
                "Sort: id (the default), opportunityName, amount, probability, closeDate, "
                    + "createTimestamp or updateTimestamp, optionally followed by ,asc or ,desc. Unset amounts and "
                    + "probabilities sort before all others.",
            example = "closeDate,asc")
        @Nullable String sort,
    @Parameter(description = "Page size, 1 to 500 (default 100)", example = "100")
        @Nullable Integer limit,
    @Parameter(description = "The nextCursor of the previous page") @Nullable String cursor) {

  /** The declared parameters: they win over custom fields of the same name. */
  static final Set<String> NAMES = RecordShape.of(OpportunityListParams.class).names();
}
