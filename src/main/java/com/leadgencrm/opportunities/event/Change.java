package com.leadgencrm.opportunities.event;

import org.jspecify.annotations.Nullable;

/**
 * One change to record as an event: what happened to which resource, and its representation before
 * and after, each exactly as a GET of the REST API returns it (a view record or a map that Jackson
 * serializes; custom fields included, as the opportunity's JSON carries them).
 *
 * <ul>
 *   <li>{@code created}, {@code restored}: {@code after} only;
 *   <li>{@code updated}: both ({@code changes} is their difference);
 *   <li>{@code deleted}, {@code purged}: {@code before} only (the last state).
 * </ul>
 *
 * @param type what happened
 * @param resourceId the id of the resource that changed
 * @param before the representation before the change, or null
 * @param after the representation after the change, or null
 * @param ownerBefore for association events only: the ownerID of the opportunity the association
 *     belonged to before the change (a salesperson sees the events of their own opportunities'
 *     associations, before or after the change); null without {@code before}
 * @param ownerAfter for association events only: the ownerID of the opportunity it belongs to after
 *     the change; null without {@code after}. Events of opportunities take their owners from {@code
 *     ownerID} of {@code before} and {@code after}.
 */
public record Change(
    EventType type,
    long resourceId,
    @Nullable Object before,
    @Nullable Object after,
    @Nullable Long ownerBefore,
    @Nullable Long ownerAfter) {

  /** A change of an opportunity, a deal stage, a pipeline or a field. */
  public static Change of(
      EventType type, long resourceId, @Nullable Object before, @Nullable Object after) {
    return new Change(type, resourceId, before, after, null, null);
  }

  /** A change of an opportunity-lead association that stays with an opportunity of this owner. */
  public static Change ofAssociation(
      EventType type,
      long resourceId,
      @Nullable Object before,
      @Nullable Object after,
      long opportunityOwnerId) {
    return ofAssociation(type, resourceId, before, after, opportunityOwnerId, opportunityOwnerId);
  }

  /**
   * A change of an opportunity-lead association that may move it to another opportunity: the owner
   * of its opportunity before and after the change, so that both owners see the event.
   */
  public static Change ofAssociation(
      EventType type,
      long resourceId,
      @Nullable Object before,
      @Nullable Object after,
      long ownerBefore,
      long ownerAfter) {
    return new Change(
        type,
        resourceId,
        before,
        after,
        before == null ? null : ownerBefore,
        after == null ? null : ownerAfter);
  }
}
