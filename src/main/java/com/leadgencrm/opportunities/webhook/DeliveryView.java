package com.leadgencrm.opportunities.webhook;

import com.leadgencrm.opportunities.core.ViewDocs.Representation;
import com.leadgencrm.opportunities.core.ViewDocs.Timestamp;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One event's delivery to one endpoint, with every attempt. */
@Schema(name = "WebhookDelivery", description = "One event sent to one endpoint, and its attempts")
@Representation
public record DeliveryView(
    @Schema(example = "5501") long id,
    @Schema(description = "The event, also the webhook-id header", example = "1234") long eventID,
    @Schema(example = "opportunity.updated") String eventType,
    @Schema(
            description =
                "pending (attempts to come), succeeded (a 2xx answer), failed (the retries ran out)",
            allowableValues = {"pending", "succeeded", "failed"})
        String status,
    @Schema(example = "1") int attemptCount,
    @Schema(description = "When the next attempt is due; null once succeeded or failed")
        @Nullable Instant nextAttemptAt,
    List<AttemptView> attempts,
    @Timestamp Instant createTimestamp,
    @Timestamp Instant updateTimestamp) {

  /** One attempt: what the receiver answered, how long it took, what failed. */
  @Schema(name = "WebhookAttempt", description = "One attempt of a delivery")
  @Representation
  public record AttemptView(
      @Schema(example = "2026-11-28T09:30:01Z") Instant attemptedAt,
      @Schema(example = "84") int durationMs,
      @Schema(description = "The receiver's HTTP status; null when none came", example = "200")
          @Nullable Integer statusCode,
      @Schema(description = "What failed; null for a 2xx answer", example = "timeout after 10 s")
          @Nullable String error,
      @Schema(description = "The start of the receiver's answer (at most 1 KB)", maxLength = 1024)
          @Nullable String responseBody) {}
}
