package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.ViewDocs.Representation;
import com.leadgencrm.opportunities.core.ViewDocs.Timestamp;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** An opportunity-lead association as clients read it. */
@Schema(name = "OpportunityLead", description = "A lead associated with an opportunity")
@Representation
public record OpportunityLeadView(
    @Schema(example = "3301") long id,
    @Schema(example = "1051") long opportunityID,
    @Schema(example = "905270274") long leadID,
    @Timestamp Instant createTimestamp,
    @Timestamp Instant updateTimestamp) {}
