package com.leadgencrm.opportunities.webhook;

import io.swagger.v3.oas.annotations.media.Schema;

/** What a replay will send again. */
@Schema(name = "WebhookReplay", description = "Events after this id go to the endpoint again")
public record ReplayView(
    @Schema(example = "12", requiredMode = Schema.RequiredMode.REQUIRED) long webhookID,
    @Schema(example = "1200", requiredMode = Schema.RequiredMode.REQUIRED) long after) {}
