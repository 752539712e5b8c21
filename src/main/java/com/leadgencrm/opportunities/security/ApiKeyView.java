package com.leadgencrm.opportunities.security;

import com.leadgencrm.opportunities.core.ViewDocs.Representation;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An API key as administrators list it: never its secret. */
@Schema(name = "ApiKey", description = "An API key (its secret is only shown once, at creation)")
@Representation
public record ApiKeyView(
    @Schema(
            description = "Public key id: the accountID of the wire protocol",
            example = "key_3k9f0c1a7d2e5b8h4m6q")
        String id,
    @Schema(example = "7") long userID,
    @Schema(example = "SALESPERSON") String role,
    @Schema(example = "Zapier integration") @Nullable String name,
    @Schema(example = "10") @Nullable Integer rateLimitPerSecond,
    @Schema(description = "Revoked keys authenticate nothing") boolean revoked,
    @Nullable Instant revokedTimestamp,
    Instant createTimestamp,
    Instant updateTimestamp) {}
