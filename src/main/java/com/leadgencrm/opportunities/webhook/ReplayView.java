package com.leadgencrm.opportunities.webhook;

import com.leadgencrm.opportunities.core.ViewDocs.Representation;
import io.swagger.v3.oas.annotations.media.Schema;

/** What a replay will send again. */
@Schema(name = "WebhookReplay", description = "Events after this id go to the endpoint again")
@Representation
public record ReplayView(
    @Schema(example = "12") long webhookID, @Schema(example = "1200") long after) {}
