package com.leadgencrm.opportunities.event;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of resource events are about, by the names events carry. */
public enum ResourceType {
  OPPORTUNITY("opportunity", true),
  OPPORTUNITY_LEAD("opportunityLead", true),
  DEAL_STAGE("dealStage", false),
  PIPELINE("pipeline", false),
  FIELD("field", false);

  private final String value;
  private final boolean ownerScoped;

  ResourceType(String value, boolean ownerScoped) {
    this.value = value;
    this.ownerScoped = ownerScoped;
  }

  /** The name in events: {@code opportunity}, {@code opportunityLead}, ... */
  public String value() {
    return value;
  }

  /**
   * Whether callers who see only their own opportunities see only some of these events (those of
   * their opportunities, before or after the change); the others are seen by every caller.
   */
  public boolean ownerScoped() {
    return ownerScoped;
  }

  public static Optional<ResourceType> of(String value) {
    return Arrays.stream(values()).filter(type -> type.value.equals(value)).findFirst();
  }
}
