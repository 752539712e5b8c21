package com.leadgencrm.opportunities.limits;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The bounds on work, from {@code crm.limits.*} (application.yml maps the documented environment
 * variables onto them).
 *
 * @param statementTimeout how long any one SQL statement of a request may run (waiting for locks
 *     included) before PostgreSQL cancels it
 * @param maxInFlight requests that may be in the service at once (past the limit: 503 at once);
 *     documentation and health are not counted
 * @param heavyReads heavy reads ({@code @HeavyRead}: lists and the like) that may run at once, each
 *     holding a database connection
 * @param heavyReadQueue heavy reads that may wait for their turn, holding no connection
 * @param heavyReadWait how long one of them waits before it is answered 503
 * @param largeReads windows of large custom values that wire reads and CSV exports may hold at once
 *     while their clients read them (the rest wait for a turn as heavy reads do)
 * @param summaryGroups how many groups one summary may have: it is held whole in memory (beyond,
 *     400 naming {@code groupBy})
 * @param historyCatchUp how long a read of past pipelines may spend bringing the opportunities'
 *     history up to date with the event feed before it is answered 503 with Retry-After (the work
 *     done is kept)
 */
@ConfigurationProperties("crm.limits")
public record LimitsProperties(
    @DefaultValue("5s") Duration statementTimeout,
    @DefaultValue("64") int maxInFlight,
    @DefaultValue("3") int heavyReads,
    @DefaultValue("32") int heavyReadQueue,
    @DefaultValue("5s") Duration heavyReadWait,
    @DefaultValue("8") int largeReads,
    @DefaultValue("10000") int summaryGroups,
    @DefaultValue("3s") Duration historyCatchUp) {

  /** What a client whose request ran out of the statement time limit is told, in any protocol. */
  public String statementTimedOut() {
    long millis = statementTimeout().toMillis();
    String limit = millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    return "The request ran into the database time limit of "
        + limit
        + " and was cancelled; narrow it (more selective filters, a smaller page) or retry later";
  }
}
