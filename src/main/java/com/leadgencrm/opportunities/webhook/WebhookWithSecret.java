package com.leadgencrm.opportunities.webhook;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.Schema;

/** A webhook with its signing secret: the answer to a creation or a rotation, the only time. */
@Schema(
    name = "WebhookWithSecret",
    description = "A webhook and its signing secret, shown this once")
public record WebhookWithSecret(
    @JsonUnwrapped @Schema(hidden = true) WebhookView webhook,
    @Schema(
            description =
                "Standard Webhooks secret: verify webhook-signature with the base64-decoded part "
                    + "after whsec_",
            example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw4vIO5nOzh7s=",
            requiredMode = Schema.RequiredMode.REQUIRED)
        String secret) {}
