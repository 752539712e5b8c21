package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.ViewDocs.Representation;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What the pipeline is worth, by group and in total, each per currency (SPEC §7). */
@Schema(name = "OpportunitySummary")
@Representation
public record OpportunitySummary(
    @Schema(
            description =
                "One per combination of key values (and currency) that has opportunities, ordered"
                    + " by key (deal stages in pipeline order, no value last), then currency")
        List<Group> groups,
    @Schema(description = "One per currency: the figures of every selected opportunity")
        List<Total> totals) {

  @Schema(name = "OpportunitySummaryGroup")
  @Representation
  public record Group(
      @Schema(
              description =
                  "The group's values of the groupBy keys, by key name (null: no value), and its"
                      + " currency",
              implementation = KeyDoc.class)
          Map<String, @Nullable Object> key,
      @Schema(example = "12", description = "Opportunities") long count,
      @Schema(example = "150000.00", description = "Sum of amounts") BigDecimal amount,
      @Schema(example = "9", description = "Open (not closed) opportunities") long openCount,
      @Schema(example = "110000.00", description = "Sum of the open ones' amounts")
          BigDecimal openAmount,
      @Schema(
              example = "41250.00",
              description =
                  "The forecast: sum over open opportunities of amount x probability / 100 (no"
                      + " probability counts as 0), rounded half-up to the currency's minor unit"
                      + " once, at the end")
          BigDecimal weightedAmount,
      @Schema(example = "2", description = "Won opportunities") long wonCount,
      @Schema(example = "30000.00", description = "Sum of the won ones' amounts")
          BigDecimal wonAmount,
      @Schema(example = "1", description = "Lost opportunities (closed and not won)")
          long lostCount,
      @Schema(example = "10000.00", description = "Sum of the lost ones' amounts")
          BigDecimal lostAmount,
      @Schema(
              example = "0.6667",
              description =
                  "won / (won + lost) by count, rounded half-up to 4 decimals; null when none is"
                      + " closed")
          @Nullable BigDecimal winRate) {}

  @Schema(
      name = "OpportunitySummaryTotal",
      description = "The figures of one currency, as for a group")
  @Representation
  public record Total(
      @Schema(example = "USD", description = "ISO 4217 code") String currency,
      @Schema(example = "40") long count,
      @Schema(example = "500000.00") BigDecimal amount,
      @Schema(example = "30") long openCount,
      @Schema(example = "400000.00") BigDecimal openAmount,
      @Schema(example = "150000.00") BigDecimal weightedAmount,
      @Schema(example = "6") long wonCount,
      @Schema(example = "80000.00") BigDecimal wonAmount,
      @Schema(example = "4") long lostCount,
      @Schema(example = "20000.00") BigDecimal lostAmount,
      @Schema(example = "0.6") @Nullable BigDecimal winRate) {}

  /** The document's view of a group's key: the standard keys, and custom fields by systemName. */
  @Schema(
      name = "OpportunitySummaryKey",
      description = "Holds the keys of groupBy only (custom fields by systemName), and currency",
      additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
  record KeyDoc(
      @Schema(example = "1", nullable = true) @Nullable Long pipelineID,
      @Schema(example = "3", nullable = true) @Nullable Long dealStageID,
      @Schema(example = "7", nullable = true) @Nullable Long ownerID,
      @Schema(example = "5012", nullable = true) @Nullable Long accountID,
      @Schema(example = "88", nullable = true) @Nullable Long campaignID,
      @Schema(example = "2026-12", nullable = true) @Nullable String closeMonth,
      @Schema(example = "2026-Q4", nullable = true) @Nullable String closeQuarter,
      @Schema(nullable = true) @Nullable Boolean isClosed,
      @Schema(nullable = true) @Nullable Boolean isWon,
      @Schema(
              example = "USD",
              description = "ISO 4217 code",
              requiredMode = Schema.RequiredMode.REQUIRED)
          String currency) {}
}
