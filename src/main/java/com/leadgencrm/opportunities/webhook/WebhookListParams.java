package com.leadgencrm.opportunities.webhook;

import com.leadgencrm.opportunities.query.ListParameterDocs.PageCursor;
import com.leadgencrm.opportunities.query.ListParameterDocs.PageSizeInWords;
import org.jspecify.annotations.Nullable;

/** Query parameters of {@code GET /webhooks}. */
record WebhookListParams(
    @PageSizeInWords @Nullable Integer limit, @PageCursor @Nullable String cursor) {}
