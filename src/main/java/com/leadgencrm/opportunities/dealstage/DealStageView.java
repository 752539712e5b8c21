package com.leadgencrm.opportunities.dealstage;

import com.leadgencrm.opportunities.core.ViewDocs.Representation;
import com.leadgencrm.opportunities.core.ViewDocs.Timestamp;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A deal stage as clients read it. */
@Schema(name = "DealStage", description = "A step of the sales pipeline")
@Representation
public record DealStageView(
    @Schema(example = "8") long id,
    @Schema(example = "Demo scheduled", maxLength = 255) String dealStageName,
    @Schema(example = "A product demo is booked", maxLength = 255) @Nullable String description,
    @Schema(example = "35", minimum = "0", maximum = "100") @Nullable BigDecimal defaultProbability,
    @Schema(example = "3") long weight,
    @Schema(description = "The pipeline the stage belongs to", example = "1") long pipelineID,
    @Schema(example = "true") boolean isEditable,
    @Timestamp Instant createTimestamp,
    @Timestamp Instant updateTimestamp) {}
