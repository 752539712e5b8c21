package com.leadgencrm.opportunities.webhook;

import com.leadgencrm.opportunities.core.ViewDocs.Required;
import com.leadgencrm.opportunities.core.ViewDocs.Timestamp;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One event's delivery to one endpoint, with every attempt. */
@Schema(name = "WebhookDelivery", description = "One event sent to one endpoint, and its attempts")
public record DeliveryView(
    @Schema(example = "5501", requiredMode = Schema.RequiredMode.REQUIRED) long id,
    @Schema(
            description = "The event, also the webhook-id header",
            example = "1234",
            requiredMode = Schema.RequiredMode.REQUIRED)
        long eventID,
    @Schema(example = "opportunity.updated", requiredMode = Schema.RequiredMode.REQUIRED)
        String eventType,
    @Schema(
            description =
                "pending (attempts to come), succeeded (a 2xx answer), failed (the retries ran out)",
            allowableValues = {"pending", "succeeded", "failed"},
            requiredMode = Schema.RequiredMode.REQUIRED)
        String status,
    @Schema(example = "1", requiredMode = Schema.RequiredMode.REQUIRED) int attemptCount,
    @Schema(
            description = "When the next attempt is due; null once succeeded or failed",
            nullable = true,
            requiredMode = Schema.RequiredMode.REQUIRED)
        @Nullable Instant nextAttemptAt,
    @Required List<AttemptView> attempts,
    @Timestamp Instant createTimestamp,
    @Timestamp Instant updateTimestamp) {

  /** One attempt: what the receiver answered, how long it took, what failed. */
  @Schema(name = "WebhookAttempt", description = "One attempt of a delivery")
  public record AttemptView(
      @Schema(example = "2026-11-28T09:30:01Z", requiredMode = Schema.RequiredMode.REQUIRED)
          Instant attemptedAt,
      @Schema(example = "84", requiredMode = Schema.RequiredMode.REQUIRED) int durationMs,
      @Schema(
              description = "The receiver's HTTP status; null when none came",
              example = "200",
              nullable = true,
              requiredMode = Schema.RequiredMode.REQUIRED)
          @Nullable Integer statusCode,
      @Schema(
              description = "What failed; null for a 2xx answer",
              example = "timeout after 10 s",
              nullable = true,
              requiredMode = Schema.RequiredMode.REQUIRED)
          @Nullable String error,
      @Schema(
              description = "The start of the receiver's answer (at most 1 KB)",
              nullable = true,
              maxLength = 1024,
              requiredMode = Schema.RequiredMode.REQUIRED)
          @Nullable String responseBody) {}
}
