package com.leadgencrm.opportunities.event;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What part of the feed to read.
 *
 * @param after the id of the last event already seen (start of the feed when null)
 * @param cursor the nextCursor of the previous page, instead of {@code after}
 * @param types event types or {@code <resourceType>.*} (any when empty)
 * @param resourceTypes resource types (any when empty)
 * @param resourceIds resource ids (any when empty)
 * @param limit page size, 1 to 500; null for the default
 */
public record FeedQuery(
    @Nullable Long after,
    @Nullable String cursor,
    List<String> types,
    List<String> resourceTypes,
    List<Long> resourceIds,
    @Nullable Integer limit) {}
