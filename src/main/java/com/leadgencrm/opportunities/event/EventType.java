package com.leadgencrm.opportunities.event;

import java.util.Arrays;
import java.util.Optional;

/** The types of events, as SPEC §6 names them: {@code <resourceType>.<action>}. */
public enum EventType {
  OPPORTUNITY_CREATED(ResourceType.OPPORTUNITY, Action.CREATED),
  OPPORTUNITY_UPDATED(ResourceType.OPPORTUNITY, Action.UPDATED),
  OPPORTUNITY_DELETED(ResourceType.OPPORTUNITY, Action.DELETED),
  OPPORTUNITY_RESTORED(ResourceType.OPPORTUNITY, Action.RESTORED),
  OPPORTUNITY_PURGED(ResourceType.OPPORTUNITY, Action.PURGED),
  OPPORTUNITY_LEAD_CREATED(ResourceType.OPPORTUNITY_LEAD, Action.CREATED),
  OPPORTUNITY_LEAD_UPDATED(ResourceType.OPPORTUNITY_LEAD, Action.UPDATED),
  OPPORTUNITY_LEAD_DELETED(ResourceType.OPPORTUNITY_LEAD, Action.DELETED),
  DEAL_STAGE_CREATED(ResourceType.DEAL_STAGE, Action.CREATED),
  DEAL_STAGE_UPDATED(ResourceType.DEAL_STAGE, Action.UPDATED),
  DEAL_STAGE_DELETED(ResourceType.DEAL_STAGE, Action.DELETED),
  PIPELINE_CREATED(ResourceType.PIPELINE, Action.CREATED),
  PIPELINE_UPDATED(ResourceType.PIPELINE, Action.UPDATED),
  PIPELINE_DELETED(ResourceType.PIPELINE, Action.DELETED),
  FIELD_CREATED(ResourceType.FIELD, Action.CREATED),
  FIELD_UPDATED(ResourceType.FIELD, Action.UPDATED),
  FIELD_DELETED(ResourceType.FIELD, Action.DELETED);

  /** What happened to the resource; it decides which representations an event needs. */
  public enum Action {
    /** {@code data} is the new state: needs {@code after} only. */
    CREATED,
    /** {@code data} is the new state, {@code changes} the difference: needs both. */
    UPDATED,
    /** Moved to the recycle bin (opportunities) or gone: {@code data} is the last state. */
    DELETED,
    /** Back from the recycle bin: {@code data} is the restored state. */
    RESTORED,
    /** Gone for good from the recycle bin: {@code data} is the last state. */
    PURGED;

    String value() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    boolean needsBefore() {
      return this == UPDATED || this == DELETED || this == PURGED;
    }

    boolean needsAfter() {
      return this == CREATED || this == UPDATED || this == RESTORED;
    }
  }

  private final ResourceType resource;
  private final Action action;
  private final String value;

  EventType(ResourceType resource, Action action) {
    this.resource = resource;
    this.action = action;
    this.value = resource.value() + "." + action.value();
  }

  /** The name in events: {@code opportunity.updated}, ... */
  public String value() {
    return value;
  }

  public ResourceType resource() {
    return resource;
  }

  public Action action() {
    return action;
  }

  public static Optional<EventType> of(String value) {
    return Arrays.stream(values()).filter(type -> type.value.equals(value)).findFirst();
  }
}
