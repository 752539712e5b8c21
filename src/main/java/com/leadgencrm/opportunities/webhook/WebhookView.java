package com.leadgencrm.opportunities.webhook;

import com.leadgencrm.opportunities.core.ViewDocs.Representation;
import com.leadgencrm.opportunities.core.ViewDocs.Timestamp;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A webhook endpoint as clients read it (its secret is only shown on creation and rotation). */
@Schema(name = "Webhook", description = "An endpoint that receives events, signed")
@Representation
public record WebhookView(
    @Schema(example = "12") long id,
    @Schema(example = "https://crm.example.com/hooks/opportunities", maxLength = 2048) String url,
    @ArraySchema(
            arraySchema =
                @Schema(
                    description = "Event types, or <resourceType>.* for all of a resource",
                    example = "[\"opportunity.*\", \"dealStage.deleted\"]"),
            schema = @Schema(maxLength = 40),
            minItems = 1,
            maxItems = 50)
        List<String> types,
    @Schema(example = "Sync to the accounts service", maxLength = 255) @Nullable String description,
    @Schema(
            description =
                "Inactive endpoints receive nothing (the service deactivates one whose every "
                    + "delivery failed for 5 days); reactivated, it continues where it stopped")
        boolean isActive,
    @Schema(description = "Since when every attempt failed; null after a success")
        @Nullable Instant failingSince,
    @Schema(description = "Why the service deactivated the endpoint")
        @Nullable String deactivatedReason,
    @Schema(description = "Until when the secret before the last rotation still signs deliveries")
        @Nullable Instant previousSecretExpiresAt,
    @Timestamp Instant createTimestamp,
    @Timestamp Instant updateTimestamp) {}
