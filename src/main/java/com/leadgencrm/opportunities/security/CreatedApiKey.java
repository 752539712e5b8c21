package com.leadgencrm.opportunities.security;

import com.leadgencrm.opportunities.core.ViewDocs.Representation;
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
@Representation
public record CreatedApiKey(
    @Schema(example = "key_3k9f0c1a7d2e5b8h4m6q") String id,
    @Schema(example = "Yq3v0mQ9c2bYk5GZxG2t0u1Qm4cS8eWJd7pNfR6hT1k") String secret,
    @Schema(
            description = "<id>.<secret>",
            example = "key_3k9f0c1a7d2e5b8h4m6q.Yq3v0mQ9c2bYk5GZxG2t0u1Qm4cS8eWJd7pNfR6hT1k")
        String token,
    @Schema(example = "7") long userID,
    @Schema(example = "SALESPERSON") String role,
    @Nullable String name,
    @Nullable Integer rateLimitPerSecond,
    Instant createTimestamp) {}
