package com.leadgencrm.opportunities.webhook;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

/** Which events to send again. */
@Schema(name = "WebhookReplayInput", description = "Send again the events after this one")
record ReplayInput(
    @Schema(
            description = "Event id: the events after it (of the webhook's types) are sent again",
            example = "1200")
        @NotNull
        @Min(0)
        @Max(Long.MAX_VALUE)
        @Nullable Long after) {}
