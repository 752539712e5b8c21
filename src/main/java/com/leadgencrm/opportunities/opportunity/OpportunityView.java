package com.leadgencrm.opportunities.opportunity;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.leadgencrm.opportunities.core.ViewDocs.Representation;
import com.leadgencrm.opportunities.core.ViewDocs.Timestamp;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonSerialize;

/** An opportunity as clients read it. */
@Schema(
    name = "Opportunity",
    description =
        "A potential deal with an expected value. Every active custom opportunity field is a "
            + "property too, keyed by its systemName (null when unset); this document lists those "
            + "active when it was fetched.")
@Representation
public record OpportunityView(
    @Schema(example = "1051") long id,
    @Schema(example = "7") long ownerID,
    @Schema(example = "2") long dealStageID,
    @Schema(description = "Read-only: the pipeline of the opportunity's stage", example = "1")
        long pipelineID,
    @Schema(example = "5012") @Nullable Long accountID,
    @Schema(example = "88") @Nullable Long campaignID,
    @Schema(example = "Acme Corp - 500 seats", maxLength = 255) String opportunityName,
    @Schema(example = "60", minimum = "0", maximum = "100") @Nullable BigDecimal probability,
    @Schema(
            description =
                "Read-only. stage: the probability is the stage's defaultProbability and follows"
                    + " the opportunity from stage to stage; manual: it was set explicitly and"
                    + " stays (a merge patch with probability null makes it follow the stage"
                    + " again)",
            allowableValues = {"stage", "manual"},
            example = "stage")
        String probabilitySource,
    @Schema(
            description = "In currency, with exactly its minor units of fraction digits",
            example = "125000.50",
            minimum = "0")
        @Nullable BigDecimal amount,
    @Schema(description = "ISO 4217 code of the amount's currency", example = "USD")
        String currency,
    boolean isClosed,
    boolean isWon,
    boolean isActive,
    @Schema(example = "2026-12-31T00:00:00Z") Instant closeDate,
    @Schema(example = "905270274") @Nullable Long originatingLeadID,
    @Schema(example = "905270274") @Nullable Long primaryLeadID,
    @Timestamp Instant createTimestamp,
    @Timestamp Instant updateTimestamp,
    @Schema(
            example = "2026-11-28T09:30:00Z",
            accessMode = Schema.AccessMode.READ_ONLY,
            description =
                "When the opportunity entered its current deal stage (read-only; REST only, wire"
                    + " protocol rows do not carry it)")
        Instant stageChangeTimestamp,
    @Schema(hidden = true) @JsonAnyGetter @JsonSerialize(using = CustomProperties.class)
        Map<String, Object> custom) {}
