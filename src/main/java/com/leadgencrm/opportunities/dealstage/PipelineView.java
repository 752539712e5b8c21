package com.leadgencrm.opportunities.dealstage;

import com.leadgencrm.opportunities.core.ViewDocs.Representation;
import com.leadgencrm.opportunities.core.ViewDocs.Timestamp;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A pipeline as clients read it. */
@Schema(name = "Pipeline", description = "A sales process with its own deal stages")
@Representation
public record PipelineView(
    @Schema(example = "51") long id,
    @Schema(example = "Renewals", maxLength = 255) String name,
    @Schema(description = "The pipeline of stages created without a pipelineID") boolean isDefault,
    @Schema(example = "2") long weight,
    @Timestamp Instant createTimestamp,
    @Timestamp Instant updateTimestamp) {}
