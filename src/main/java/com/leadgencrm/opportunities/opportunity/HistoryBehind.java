package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.Overloaded;
import java.time.Duration;
import java.util.Locale;

/**
 * A read of past pipelines (a summary {@code asOf}, the waterfall, the stage flow) found more
 * events not yet in the opportunities' history than it may project ({@code
 * crm.limits.history-catch-up}): 503 with Retry-After, what it projected kept, so that the same
 * read gets further each time and answers once the history has caught up. Retry-After is how long
 * the events left would take at the rate this read projected them (1 to 60 s).
 */
final class HistoryBehind extends Overloaded {

  private HistoryBehind(String message, long retryAfterSeconds) {
    super(message, retryAfterSeconds);
  }

  static HistoryBehind of(long eventsLeft, long projected, Duration spent) {
    double perSecond = projected / Math.max(spent.toNanos() / 1e9, 1e-3);
    long seconds = (long) Math.ceil(eventsLeft / Math.max(perSecond, 1));
    long retryAfter = Math.max(1, Math.min(seconds, 60));
    return new HistoryBehind(
        String.format(
            Locale.ROOT,
            "The history of opportunities is being brought up to date after a flood of writes:"
                + " about %,d events are not in it yet; retry after %d s",
            eventsLeft,
            retryAfter),
        retryAfter);
  }
}
