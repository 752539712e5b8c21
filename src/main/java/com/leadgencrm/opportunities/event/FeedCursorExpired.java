package com.leadgencrm.opportunities.event;

import com.leadgencrm.opportunities.core.Gone;
import java.util.Map;

/**
 * A cursor (or {@code after}) points before the oldest event the feed still has: events the
 * consumer has not seen are gone, so it must resync.
 */
public class FeedCursorExpired extends Gone {

  private final long start;

  public FeedCursorExpired(long start, int retentionDays) {
    super(
        "Events up to id "
            + start
            + " are past the feed's retention ("
            + retentionDays
            + " days), so some events after this position are gone: resync (read the resources "
            + "again, e.g. GET /opportunities), then follow the feed from the nextCursor of "
            + "GET /events (or from after="
            + start
            + ")");
    this.start = start;
  }

  /** The oldest position the feed can continue from. */
  public long start() {
    return start;
  }

  @Override
  public Map<String, Object> properties() {
    return Map.of("start", start);
  }
}
