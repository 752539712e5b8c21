package com.leadgencrm.opportunities.event;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A page of events, each the JSON text of the event as stored (and as webhooks deliver it).
 *
 * @param items the events, as JSON objects
 * @param nextCursor where to continue; for the feed never null (poll it again for what comes)
 */
public record FeedPage(List<String> items, @Nullable String nextCursor) {}
