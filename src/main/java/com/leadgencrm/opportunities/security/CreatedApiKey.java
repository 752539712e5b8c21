package com.leadgencrm.opportunities.security;

import com.leadgencrm.opportunities.core.ViewDocs.Required;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A new API key with its secret: the only time the secret is shown. */
@Schema(
    name = "CreatedApiKey",
    description =
        "A new API key. Store the secret (or the token) now: "
            + "it is never shown again. REST clients send 'Authorization: Bearer <token>'; wire-protocol "
            + "clients send accountID=<id> and secretKey=<secret>.")
public record CreatedApiKey(
    @Schema(example = "key_3k9f0c1a7d2e5b8h4m6q", requiredMode = Schema.RequiredMode.REQUIRED)
        String id,
    @Schema(
            example = "Yq3v0mQ9c2bYk5GZxG2t0u1Qm4cS8eWJd7pNfR6hT1k",
            requiredMode = Schema.RequiredMode.REQUIRED)
        String secret,
    @Schema(
            description = "<id>.<secret>",
            example = "key_3k9f0c1a7d2e5b8h4m6q.Yq3v0mQ9c2bYk5GZxG2t0u1Qm4cS8eWJd7pNfR6hT1k",
            requiredMode = Schema.RequiredMode.REQUIRED)
        String token,
    @Schema(example = "7", requiredMode = Schema.RequiredMode.REQUIRED) long userID,
    @Schema(example = "SALESPERSON", requiredMode = Schema.RequiredMode.REQUIRED) String role,
    @Schema(nullable = true, requiredMode = Schema.RequiredMode.REQUIRED) @Nullable String name,
    @Schema(nullable = true, requiredMode = Schema.RequiredMode.REQUIRED)
        @Nullable Integer rateLimitPerSecond,
    @Required Instant createTimestamp) {}
