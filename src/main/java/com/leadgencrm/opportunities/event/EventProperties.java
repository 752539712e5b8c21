package com.leadgencrm.opportunities.event;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The event feed's settings, from {@code crm.events.*}.
 *
 * @param retentionDays how long the feed serves an event ({@code CRM_EVENTS_RETENTION_DAYS}); a
 *     cursor older than that is 410
 * @param historyRetention how long the history of an opportunity outlives its purge
 * @param retentionInterval how often an instance runs the retention purge
 */
@ConfigurationProperties("crm.events")
public record EventProperties(
    @DefaultValue("30") int retentionDays,
    @DefaultValue("365d") Duration historyRetention,
    @DefaultValue("10m") Duration retentionInterval) {

  public Duration retention() {
    return Duration.ofDays(retentionDays);
  }
}
