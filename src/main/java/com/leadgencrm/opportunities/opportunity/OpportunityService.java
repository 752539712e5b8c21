package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.Caller;
import com.leadgencrm.opportunities.core.IfMatch;
import com.leadgencrm.opportunities.core.Permission;
import com.leadgencrm.opportunities.core.Requires;
import com.leadgencrm.opportunities.core.Submitted;
import com.leadgencrm.opportunities.core.Versioned;
import com.leadgencrm.opportunities.event.Change;
import com.leadgencrm.opportunities.event.EventType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes to one opportunity: create, replace, merge-patch and delete. Each answers what a read of
 * the opportunity would answer after the change.
 */
@Service
public class OpportunityService {

  private final OpportunityUpdates updates;
  private final OpportunityDrafts drafts;
  private final OpportunityLeadService leads;
  private final OpportunityFields fields;
  private final OpportunityEvents events;
  private final RecycleBin bin;
  private final OpportunityInserts inserts;

  OpportunityService(
      OpportunityUpdates updates,
      OpportunityDrafts drafts,
      OpportunityLeadService leads,
      OpportunityFields fields,
      OpportunityEvents events,
      RecycleBin bin,
      OpportunityInserts inserts) {
    this.bin = bin;
    this.inserts = inserts;
    this.updates = updates;
    this.drafts = drafts;
    this.leads = leads;
    this.fields = fields;
    this.events = events;
  }

  @Transactional
  @Requires(Permission.WRITE_OPPORTUNITIES)
  public Versioned<OpportunityView> create(Submitted<OpportunityInput> submitted) {
    OpportunityDrafts.WriteContext context = drafts.single(submitted);
    Opportunity opportunity = drafts.created(submitted, context);
    return insert(List.of(opportunity), context.definitions()).get(0);
  }

  /**
   * Inserts new opportunities ({@link OpportunityInserts}), associates their primary leads and
   * records the events; answers them as a read would, in their order.
   */
  List<Versioned<OpportunityView>> insert(
      List<Opportunity> created, CustomFieldDefinitions definitions) {
    OpportunityInserts.Inserted inserted = inserts.insert(created, definitions);
    Map<Long, OpportunityView> after = new LinkedHashMap<>();
    inserted.opportunities().forEach(view -> after.put(view.body().id(), view.body()));
    List<Change> changes =
        new ArrayList<>(
            OpportunityEvents.opportunities(
                EventType.OPPORTUNITY_CREATED, after.keySet(), Map.of(), after));
    for (OpportunityLeadView association : inserted.associations()) {
      changes.add(
          OpportunityEvents.association(
              EventType.OPPORTUNITY_LEAD_CREATED,
              null,
              association,
              Objects.requireNonNull(after.get(association.opportunityID())).ownerID()));
    }
    events.record(changes);
    return inserted.opportunities();
  }

  @Transactional
  @Requires(Permission.WRITE_OPPORTUNITIES)
  public Versioned<OpportunityView> replace(
      long id, Submitted<OpportunityInput> submitted, IfMatch ifMatch) {
    return changed(
        id,
        ifMatch,
        submitted,
        (opportunity, context) -> drafts.replace(opportunity, submitted, context));
  }

  /** Applies a JSON Merge Patch (RFC 7396) to the opportunity's writable properties. */
  @Transactional
  @Requires(Permission.WRITE_OPPORTUNITIES)
  public Versioned<OpportunityView> patch(
      long id, Submitted<OpportunityInput> patch, IfMatch ifMatch) {
    return changed(
        id, ifMatch, patch, (opportunity, context) -> drafts.patch(opportunity, patch, context));
  }

  /**
   * Locks the opportunity, changes it as {@code change} says and saves it: three round trips (the
   * lock that reads what the change is checked against, the write, the events as it commits).
   */
  Versioned<OpportunityView> changed(
      long id,
      IfMatch ifMatch,
      Submitted<OpportunityInput> submitted,
      BiConsumer<Opportunity, OpportunityDrafts.WriteContext> change) {
    Long named = OpportunityDrafts.namedStage(submitted);
    OpportunityUpdates.Opened opened =
        updates
            .open(id, Caller.current().ownerScope(), named, fields::at)
            .orElseThrow(() -> new OpportunityNotFound(id));
    OpportunityUpdates.Locked locked = opened.locked();
    ifMatch.check(locked.before().etag());
    OpportunityDrafts.WriteContext context =
        drafts.context(opened.definitions(), named, opened.named()).knowing(locked.stage());
    change.accept(locked.opportunity(), context);
    return writeUpdates(List.of(locked), opened.definitions()).get(id);
  }

  /** Moves the opportunity and its lead associations to the recycle bin ({@link RecycleBin}). */
  @Transactional
  @Requires(Permission.DELETE_OPPORTUNITIES)
  public void delete(long id, IfMatch ifMatch) {
    OpportunityUpdates.Locked locked = lockForChange(id, ifMatch, fields.definitions());
    List<Change> changes = new ArrayList<>();
    changes.add(Change.of(EventType.OPPORTUNITY_DELETED, id, locked.before().body(), null));
    for (OpportunityLeadView association : bin.moveIn(id)) {
      changes.add(
          OpportunityEvents.association(
              EventType.OPPORTUNITY_LEAD_DELETED,
              association,
              null,
              locked.before().body().ownerID()));
    }
    events.record(changes);
  }

  /** Locks the opportunity for a change that depends on its current state. */
  OpportunityUpdates.Locked lockForChange(
      long id, IfMatch ifMatch, CustomFieldDefinitions definitions) {
    OpportunityUpdates.Locked locked =
        updates
            .lock(id, Caller.current().ownerScope(), definitions)
            .orElseThrow(() -> new OpportunityNotFound(id));
    ifMatch.check(locked.before().etag());
    return locked;
  }

  /**
   * Writes locked opportunities that were changed ({@link OpportunityUpdates#write}), associates
   * the primary leads they did not have before and records their events: each one's update, in the
   * order given (one that changed nothing records none), then the associations created. Answers
   * them as a read would now, by id.
   */
  Map<Long, Versioned<OpportunityView>> writeUpdates(
      Collection<OpportunityUpdates.Locked> locked, CustomFieldDefinitions definitions) {
    Map<Long, Versioned<OpportunityView>> written = updates.write(locked, definitions);
    Map<Long, OpportunityView> before = new LinkedHashMap<>();
    Map<Long, OpportunityView> after = new LinkedHashMap<>();
    for (OpportunityUpdates.Locked each : locked) {
      long id = each.before().body().id();
      before.put(id, each.before().body());
      after.put(id, written.get(id).body());
    }
    List<Change> associations =
        leads.ensurePrimaryLeads(
            locked.stream()
                .filter(OpportunityUpdates.Locked::newPrimaryLead)
                .map(OpportunityUpdates.Locked::opportunity)
                .toList());
    List<Change> changes =
        new ArrayList<>(
            OpportunityEvents.opportunities(
                EventType.OPPORTUNITY_UPDATED, after.keySet(), before, after));
    changes.addAll(associations);
    events.record(changes);
    return written;
  }
}
