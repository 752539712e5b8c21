package com.leadgencrm.opportunities.webhook;

import com.leadgencrm.opportunities.query.ListParameterDocs.PageCursor;
import com.leadgencrm.opportunities.query.ListParameterDocs.PageSizeInWords;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** Query parameters of {@code GET /webhooks/{id}/deliveries}. */
record DeliveryListParams(
    @Parameter(
            description = "Only deliveries in this state",
            schema =
                @Schema(
                    type = "string",
                    allowableValues = {"pending", "succeeded", "failed"}))
        @Nullable String status,
    @PageSizeInWords @Nullable Integer limit,
    @PageCursor @Nullable String cursor) {}
