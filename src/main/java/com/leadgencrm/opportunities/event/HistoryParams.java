package com.leadgencrm.opportunities.event;

import com.leadgencrm.opportunities.query.ListParameterDocs.PageCursor;
import com.leadgencrm.opportunities.query.ListParameterDocs.PageSizeInWords;
import org.jspecify.annotations.Nullable;

/** Query parameters of {@code GET /opportunities/{id}/history}. */
record HistoryParams(
    @PageSizeInWords @Nullable Integer limit, @PageCursor @Nullable String cursor) {}
