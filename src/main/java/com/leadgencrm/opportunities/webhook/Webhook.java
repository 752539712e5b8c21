package com.leadgencrm.opportunities.webhook;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A stored webhook endpoint. */
record Webhook(
    long id,
    String url,
    List<String> types,
    @Nullable String description,
    boolean isActive,
    String secret,
    @Nullable String previousSecret,
    @Nullable Instant previousSecretExpiresAt,
    long eventCursor,
    @Nullable Instant failingSince,
    @Nullable String deactivatedReason,
    long version,
    Instant createTimestamp,
    Instant updateTimestamp) {

  WebhookView view() {
    return new WebhookView(
        id,
        url,
        types,
        description,
        isActive,
        failingSince,
        deactivatedReason,
        previousSecretExpiresAt,
        createTimestamp,
        updateTimestamp);
  }

  /** The secrets that sign a delivery now: the current one, and the previous within its overlap. */
  List<String> signingSecrets(Instant now) {
    return previousSecret != null
            && previousSecretExpiresAt != null
            && now.isBefore(previousSecretExpiresAt)
        ? List.of(secret, previousSecret)
        : List.of(secret);
  }
}
