package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.Caller;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Purges the opportunities deleted more than CRM_RECYCLE_DAYS ago, every few minutes on every
 * instance: each batch is one DELETE that skips rows another instance is purging, so that each
 * opportunity is purged, and its {@code opportunity.purged} event recorded, exactly once.
 */
@Component
class RecycleBinPurge {

  private static final Logger log = LoggerFactory.getLogger(RecycleBinPurge.class);

  private final RecycleBin bin;
  private final Clock clock;
  private final Duration keptFor;

  RecycleBinPurge(RecycleBin bin, Clock clock, OpportunityProperties properties) {
    this.bin = bin;
    this.clock = clock;
    this.keptFor = Duration.ofDays(properties.recycleDays());
  }

  @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT5M")
  void scheduled() {
    try {
      purge();
    } catch (RuntimeException e) {
      log.warn("Could not purge the recycle bin: {}", e.toString());
    }
  }

  /** Purges everything deleted before now minus CRM_RECYCLE_DAYS; answers how many. */
  int purge() {
    return Caller.runAsSystem(
        () -> {
          int total = 0;
          int purged;
          do {
            purged = bin.purgeDeletedBefore(clock.instant().minus(keptFor));
            total += purged;
          } while (purged > 0);
          return total;
        });
  }
}
