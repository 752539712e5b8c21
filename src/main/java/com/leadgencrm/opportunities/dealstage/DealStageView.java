package com.leadgencrm.opportunities.dealstage;

import com.leadgencrm.opportunities.core.ViewDocs.Timestamp;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A deal stage as clients read it. */
@Schema(name = "DealStage", description = "A step of the sales pipeline")
public record DealStageView(
    @Schema(example = "8", requiredMode = Schema.RequiredMode.REQUIRED) long id,
    @Schema(
            example = "Demo scheduled",
            maxLength = 255,
            requiredMode = Schema.RequiredMode.REQUIRED)
        String dealStageName,
    @Schema(
            example = "A product demo is booked",
            maxLength = 255,
            nullable = true,
            requiredMode = Schema.RequiredMode.REQUIRED)
        @Nullable String description,
    @Schema(
            example = "35",
            minimum = "0",
            maximum = "100",
            nullable = true,
            requiredMode = Schema.RequiredMode.REQUIRED)
        @Nullable BigDecimal defaultProbability,
    @Schema(example = "3", requiredMode = Schema.RequiredMode.REQUIRED) long weight,
    @Schema(
            description = "The pipeline the stage belongs to",
            example = "1",
            requiredMode = Schema.RequiredMode.REQUIRED)
        long pipelineID,
    @Schema(example = "true", requiredMode = Schema.RequiredMode.REQUIRED) boolean isEditable,
    @Timestamp Instant createTimestamp,
    @Timestamp Instant updateTimestamp) {}
