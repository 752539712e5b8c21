package com.leadgencrm.opportunities.webhook;

import io.swagger.v3.oas.annotations.Parameter;
import org.jspecify.annotations.Nullable;

/** Query parameters of {@code GET /webhooks}. */
record WebhookListParams(
    @Parameter(description = "Page size, 1 to 500 (default 100)", example = "100")
        @Nullable Integer limit,
    @Parameter(description = "The nextCursor of the previous page") @Nullable String cursor) {}
