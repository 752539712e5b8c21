package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.Caller;
import com.leadgencrm.opportunities.core.ConcurrentModification;
import com.leadgencrm.opportunities.event.Change;
import com.leadgencrm.opportunities.event.EventType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The statements that change associations, each recording its event in the caller's transaction: an
 * {@code INSERT ... ON CONFLICT DO NOTHING} creates a pair at most once, race-free; a removal or a
 * move locks the opportunity first, which orders it against a change of its primary lead.
 */
@Component
class OpportunityLeadWrites {

  static final String COLUMNS = "id, opportunity_id, lead_id, create_timestamp, update_timestamp";

  /** Inserts and removals of one pair racing each other: how often an insert tries again. */
  private static final int ATTEMPTS = 5;

  private final JdbcClient jdbc;
  private final OpportunityEvents events;

  OpportunityLeadWrites(JdbcClient jdbc, OpportunityEvents events) {
    this.jdbc = jdbc;
    this.events = events;
  }

  /** An association, whether this request created it, and then the event of its creation. */
  record Inserted(OpportunityLeadView view, boolean created, @Nullable Change event) {}

  /** Associates the lead with the opportunity of this owner (once), recording a creation. */
  Inserted insert(long opportunityId, long leadId, long owner) {
    Inserted inserted = insertUnrecorded(opportunityId, leadId, owner);
    if (inserted.event() != null) {
      events.record(List.of(inserted.event()));
    }
    return inserted;
  }

  /** Records the changes of one write, in their order, in one round trip. */
  void record(List<Change> changes) {
    events.record(changes);
  }

  /**
   * Associates the lead with the opportunity of this owner (once), leaving the event of a creation
   * for the caller to {@link #record} in the same transaction (a batch records all of its at once).
   */
  Inserted insertUnrecorded(long opportunityId, long leadId, long owner) {
    // Each statement reads what has committed when it starts: the pair the insert ran into may be
    // removed before it is read. Then the pair is free again, and the insert tries once more.
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Optional<OpportunityLeadView> created = tryInsert(opportunityId, leadId);
      if (created.isPresent()) {
        return new Inserted(
            created.get(),
            true,
            OpportunityEvents.association(
                EventType.OPPORTUNITY_LEAD_CREATED, null, created.get(), owner));
      }
      // ON CONFLICT waited for a concurrent insert of the same pair to commit
      Optional<OpportunityLeadView> existing = find(opportunityId, leadId);
      if (existing.isPresent()) {
        return new Inserted(existing.get(), false, null);
      }
    }
    throw new ConcurrentModification();
  }

  private Optional<OpportunityLeadView> tryInsert(long opportunityId, long leadId) {
    return jdbc.sql(
            """
            insert into opportunity_lead (id, opportunity_id, lead_id, create_timestamp, update_timestamp)
            values (nextval('opportunity_lead_id_seq'), :o, :l, :now, :now)
            on conflict (opportunity_id, lead_id) do nothing
            returning id, opportunity_id, lead_id, create_timestamp, update_timestamp""")
        .param("o", opportunityId)
        .param("l", leadId)
        .param("now", now())
        .query((rs, n) -> OpportunityLeadService.view(rs))
        .optional();
  }

  /** The association of the opportunity and the lead, if there is one. */
  Optional<OpportunityLeadView> find(long opportunityId, long leadId) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from opportunity_lead where opportunity_id = :o and lead_id = :l")
        .param("o", opportunityId)
        .param("l", leadId)
        .query((rs, n) -> OpportunityLeadService.view(rs))
        .optional();
  }

  /**
   * Removes an association, unless it is its opportunity's primary lead's; records the deletion.
   *
   * @return false when the opportunity is not (or no longer) the caller's to see, or the
   *     association is gone (removed or moved by a request that committed first)
   */
  boolean remove(OpportunityLeadView association) {
    Locked locked = lockVisible(association.opportunityID()).orElse(null);
    if (locked == null) {
      return false;
    }
    if (locked.primaryLeadId() != null && locked.primaryLeadId() == association.leadID()) {
      throw new PrimaryLeadAssociation(association.opportunityID(), association.leadID());
    }
    // A concurrent removal (or move) of the same association has committed while this one waited
    // for the lock: nothing is left to remove here, and no second deletion is recorded.
    Optional<OpportunityLeadView> removed =
        jdbc.sql(
                "delete from opportunity_lead where id = :id and opportunity_id = :o returning "
                    + COLUMNS)
            .param("id", association.id())
            .param("o", association.opportunityID())
            .query((rs, n) -> OpportunityLeadService.view(rs))
            .optional();
    if (removed.isEmpty()) {
      return false;
    }
    events.record(
        List.of(
            OpportunityEvents.association(
                EventType.OPPORTUNITY_LEAD_DELETED, removed.get(), null, locked.owner())));
    return true;
  }

  /**
   * Moves an association to another pair, keeping its id; records the update with the owners of the
   * opportunity it belonged to and of the one it now belongs to (both see it in the feed).
   */
  OpportunityLeadView move(
      OpportunityLeadView current, long opportunityId, long leadId, long ownerBefore, long owner) {
    // only the association as it was read: one removed or moved meanwhile is not moved again
    OpportunityLeadView moved =
        jdbc.sql(
                """
            update opportunity_lead set opportunity_id = :o, lead_id = :l,
                   update_timestamp = date_trunc('microseconds', clock_timestamp())
             where id = :id and opportunity_id = :fromO and lead_id = :fromL
            returning id, opportunity_id, lead_id, create_timestamp, update_timestamp""")
            .param("o", opportunityId)
            .param("l", leadId)
            .param("id", current.id())
            .param("fromO", current.opportunityID())
            .param("fromL", current.leadID())
            .query((rs, n) -> OpportunityLeadService.view(rs))
            .optional()
            .orElseThrow(ConcurrentModification::new);
    events.record(
        List.of(
            OpportunityEvents.association(
                EventType.OPPORTUNITY_LEAD_UPDATED, current, moved, ownerBefore, owner)));
    return moved;
  }

  /**
   * Makes sure the primary lead of each opportunity is associated with it, in one statement.
   *
   * @return the events of the associations this created, for the write to record with its own
   */
  List<Change> ensurePrimaryLeads(List<Opportunity> written) {
    List<Long> opportunityIds = new ArrayList<>();
    List<Long> leadIds = new ArrayList<>();
    Map<Long, Long> owners = new HashMap<>();
    for (Opportunity opportunity : written) {
      if (opportunity.primaryLeadId() != null) {
        opportunityIds.add(opportunity.id());
        leadIds.add(opportunity.primaryLeadId());
        owners.put(opportunity.id(), opportunity.ownerId());
      }
    }
    if (opportunityIds.isEmpty()) {
      return List.of();
    }
    OffsetDateTime now = now();
    return jdbc
        .sql(
            """
            insert into opportunity_lead (id, opportunity_id, lead_id, create_timestamp, update_timestamp)
            select nextval('opportunity_lead_id_seq'), o, l, :now, :now
              from unnest(cast(:opportunities as bigint[]), cast(:leads as bigint[])) as pair(o, l)
            on conflict (opportunity_id, lead_id) do nothing
            returning id, opportunity_id, lead_id, create_timestamp, update_timestamp""")
        .param("opportunities", opportunityIds.toArray(Long[]::new))
        .param("leads", leadIds.toArray(Long[]::new))
        .param("now", now)
        .query((rs, n) -> OpportunityLeadService.view(rs))
        .list()
        .stream()
        .map(
            created ->
                OpportunityEvents.association(
                    EventType.OPPORTUNITY_LEAD_CREATED,
                    null,
                    created,
                    java.util.Objects.requireNonNull(owners.get(created.opportunityID()))))
        .toList();
  }

  /** The primary lead and the owner of an opportunity, as its locked row holds them. */
  record Locked(@Nullable Long primaryLeadId, long owner) {}

  /**
   * Locks an opportunity whose associations change, if the caller may see it. The owner is part of
   * the locking query itself: another owner's row is never locked, nor waited for, on behalf of a
   * caller who sees only their own (visibility was checked before, but the owner may have changed
   * since). FOR NO KEY UPDATE, as an update of the opportunity locks it: it orders the change
   * against one of the primary lead, and lets through the foreign-key checks of associations being
   * inserted (FOR UPDATE made them wait, and a move waiting for such an insert deadlocked with it).
   */
  Optional<Locked> lockVisible(long opportunityId) {
    Long scope = Caller.current().ownerScope();
    return jdbc.sql(
            "select primary_lead_id, owner_id from opportunity where id = :id"
                + (scope == null ? "" : " and owner_id = :owner")
                + " for no key update")
        .param("id", opportunityId)
        .param("owner", scope == null ? 0L : scope)
        .query(
            (rs, n) ->
                new Locked(rs.getObject("primary_lead_id", Long.class), rs.getLong("owner_id")))
        .optional();
  }

  /** The owner of the opportunity, when it exists and the caller may see it. */
  Optional<Long> visibleOwner(long opportunityId) {
    return jdbc.sql("select owner_id from opportunity where id = :id")
        .param("id", opportunityId)
        .query(Long.class)
        .optional()
        .filter(owner -> Caller.current().sees(owner));
  }

  /** Now, as associations are stamped (UTC, to the microsecond PostgreSQL keeps). */
  static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
  }
}
