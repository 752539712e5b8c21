package com.leadgencrm.opportunities.webhook;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A webhook as clients write it. */
@Schema(name = "WebhookInput", description = "A webhook endpoint as clients write it")
record WebhookInput(
    @Schema(
            description =
                "https URL; it must not resolve to a loopback, private, link-local or metadata "
                    + "address. Redirects are not followed.",
            example = "https://crm.example.com/hooks/opportunities")
        @NotNull(message = "is required")
        @Size(min = 1, max = 2048)
        String url,
    @ArraySchema(
            arraySchema =
                @Schema(
                    description =
                        "Event types (opportunity.created, ...), or <resourceType>.* for every "
                            + "type of a resource",
                    example = "[\"opportunity.*\", \"dealStage.deleted\"]",
                    requiredMode = Schema.RequiredMode.REQUIRED),
            schema = @Schema(maxLength = 40),
            minItems = 1,
            maxItems = 50)
        @NotNull(message = "is required")
        @Size(min = 1, max = 50, message = "must be an array of 1 to 50 event types")
        List<String> types,
    @Schema(example = "Sync to the accounts service", nullable = true) @Size(max = 255)
        @Nullable String description,
    @Schema(description = "Whether it receives events (default true)", example = "true")
        @Nullable Boolean isActive) {}
