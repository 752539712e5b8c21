package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.Name;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An opportunity as clients write it (create and replace; a merge patch is applied onto it). */
@Schema(
    name = "OpportunityInput",
    description =
        "An opportunity as clients write it. The active custom opportunity fields are "
            + "properties too, keyed by their systemName; this document lists those active when it "
            + "was fetched (GET /fields?relationship=opportunity&isCustom=true lists them all).")
public record OpportunityInput(
    @Schema(description = "User who owns the deal", example = "7")
        @NotNull(message = "is required")
        @Min(1)
        @Max(MAX_ID)
        Long ownerID,
    @Schema(description = "Stage of the pipeline (an existing deal stage)", example = "2")
        @NotNull(message = "is required")
        @Min(1)
        @Max(MAX_ID)
        Long dealStageID,
    @Schema(example = "5012", nullable = true) @Min(1) @Max(MAX_ID) @Nullable Long accountID,
    @Schema(example = "88", nullable = true) @Min(1) @Max(MAX_ID) @Nullable Long campaignID,
    @Schema(example = "Acme Corp - 500 seats") @Name String opportunityName,
    @Schema(
            description =
                "Percent chance of winning. Left out, it is the stage's defaultProbability, "
                    + "and follows the opportunity from stage to stage; given, it stays as set.",
            example = "60",
            nullable = true)
        @DecimalMin("0")
        @DecimalMax("100")
        @Digits(integer = 3, fraction = 2)
        @Nullable BigDecimal probability,
    @Schema(
            description =
                "Expected value, in currency: exact, with at most as many fraction digits as the"
                    + " currency has minor units (USD 2, JPY 0, KWD 3)",
            example = "125000.50",
            maximum = "9999999999999999.9999",
            nullable = true)
        @DecimalMin("0")
        @Digits(integer = 16, fraction = 4)
        @Nullable BigDecimal amount,
    @Schema(
            description = "Closed deal; defaults to false (true when isWon is set to true)",
            example = "false",
            nullable = true)
        @Nullable Boolean isClosed,
    @Schema(
            description =
                "Won deal; implies isClosed. Defaults to false (and to false when isClosed "
                    + "is set to false)",
            example = "false",
            nullable = true)
        @Nullable Boolean isWon,
    @Schema(description = "Defaults to true", example = "true", nullable = true)
        @Nullable Boolean isActive,
    @Schema(
            description =
                "Expected close: an ISO-8601 date-time with offset, or a date (00:00 UTC). "
                    + "Returned as a UTC date-time.",
            example = "2026-12-31",
            type = "string")
        @NotNull(message = "is required")
        Instant closeDate,
    @Schema(description = "Lead the deal came from", example = "905270274", nullable = true)
        @Min(1)
        @Max(MAX_ID)
        @Nullable Long originatingLeadID,
    @Schema(
            description =
                "Main lead of the deal; setting it associates the lead with the opportunity",
            example = "905270274",
            nullable = true)
        @Min(1)
        @Max(MAX_ID)
        @Nullable Long primaryLeadID,
    @Schema(
            description =
                "ISO 4217 code of the amount's currency; CRM_DEFAULT_CURRENCY (USD unless"
                    + " configured) when left out or null",
            example = "USD",
            minLength = 3,
            maxLength = 3,
            pattern = "^[A-Z]{3}$",
            nullable = true)
        @Nullable String currency) {

  /** Largest id of another service: 18 digits. */
  public static final long MAX_ID = 999_999_999_999_999_999L;

  /** The same input in another currency. */
  OpportunityInput inCurrency(String code) {
    return new OpportunityInput(
        ownerID,
        dealStageID,
        accountID,
        campaignID,
        opportunityName,
        probability,
        amount,
        isClosed,
        isWon,
        isActive,
        closeDate,
        originatingLeadID,
        primaryLeadID,
        code);
  }
}
