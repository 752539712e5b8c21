package com.leadgencrm.opportunities.security;

import com.leadgencrm.opportunities.core.ViewDocs.Required;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An API key as administrators list it: never its secret. */
@Schema(name = "ApiKey", description = "An API key (its secret is only shown once, at creation)")
public record ApiKeyView(
    @Schema(
            description = "Public key id: the accountID of the wire protocol",
            example = "key_3k9f0c1a7d2e5b8h4m6q",
            requiredMode = Schema.RequiredMode.REQUIRED)
        String id,
    @Schema(example = "7", requiredMode = Schema.RequiredMode.REQUIRED) long userID,
    @Schema(example = "SALESPERSON", requiredMode = Schema.RequiredMode.REQUIRED) String role,
    @Schema(
            example = "Zapier integration",
            nullable = true,
            requiredMode = Schema.RequiredMode.REQUIRED)
        @Nullable String name,
    @Schema(example = "10", nullable = true, requiredMode = Schema.RequiredMode.REQUIRED)
        @Nullable Integer rateLimitPerSecond,
    @Schema(
            description = "Revoked keys authenticate nothing",
            requiredMode = Schema.RequiredMode.REQUIRED)
        boolean revoked,
    @Schema(nullable = true, requiredMode = Schema.RequiredMode.REQUIRED)
        @Nullable Instant revokedTimestamp,
    @Required Instant createTimestamp,
    @Required Instant updateTimestamp) {}
