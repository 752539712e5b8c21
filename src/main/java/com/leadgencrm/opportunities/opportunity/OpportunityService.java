package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.Caller;
import com.leadgencrm.opportunities.core.ETags;
import com.leadgencrm.opportunities.core.IfMatch;
import com.leadgencrm.opportunities.core.Permission;
import com.leadgencrm.opportunities.core.Requires;
import com.leadgencrm.opportunities.core.Submitted;
import com.leadgencrm.opportunities.core.Versioned;
import com.leadgencrm.opportunities.event.Change;
import com.leadgencrm.opportunities.event.EventType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes to one opportunity: create, replace, merge-patch and delete. Each answers what a read of
 * the opportunity would answer after the change.
 */
@Service
public class OpportunityService {

  private final OpportunityRepository opportunities;
  private final OpportunityDrafts drafts;
  private final OpportunityQueries queries;
  private final OpportunityLeadService leads;
  private final OpportunityFields fields;
  private final OpportunityEvents events;
  private final RecycleBin bin;
  private final OpportunityInserts inserts;

  OpportunityService(
      OpportunityRepository opportunities,
      OpportunityDrafts drafts,
      OpportunityQueries queries,
      OpportunityLeadService leads,
      OpportunityFields fields,
      OpportunityEvents events,
      RecycleBin bin,
      OpportunityInserts inserts) {
    this.bin = bin;
    this.inserts = inserts;
    this.opportunities = opportunities;
    this.drafts = drafts;
    this.queries = queries;
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
    List<Versioned<OpportunityView>> inserted = inserts.insert(created, definitions);
    Map<Long, OpportunityView> after = new LinkedHashMap<>();
    inserted.forEach(view -> after.put(view.body().id(), view.body()));
    record(EventType.OPPORTUNITY_CREATED, created, Map.of(), after);
    return inserted;
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

  /** Locks the opportunity, changes it as {@code change} says and saves it. */
  private Versioned<OpportunityView> changed(
      long id,
      IfMatch ifMatch,
      Submitted<OpportunityInput> submitted,
      BiConsumer<Opportunity, OpportunityDrafts.WriteContext> change) {
    OpportunityDrafts.WriteContext context = drafts.single(submitted);
    Opportunity opportunity = lockForChange(id, ifMatch, context.definitions());
    OpportunityView before = current(id);
    change.accept(opportunity, context);
    return updated(opportunities.saveAndFlush(opportunity), before);
  }

  /** Moves the opportunity and its lead associations to the recycle bin ({@link RecycleBin}). */
  @Transactional
  @Requires(Permission.DELETE_OPPORTUNITIES)
  public void delete(long id, IfMatch ifMatch) {
    Opportunity opportunity = lockForChange(id, ifMatch, fields.definitions());
    OpportunityView last = current(id);
    List<Change> changes = new ArrayList<>();
    changes.add(Change.of(EventType.OPPORTUNITY_DELETED, id, last, null));
    for (OpportunityLeadView association : events.associationsOf(List.of(id))) {
      changes.add(
          OpportunityEvents.association(
              EventType.OPPORTUNITY_LEAD_DELETED, association, null, opportunity.ownerId()));
    }
    bin.keep(id);
    opportunities.delete(opportunity);
    opportunities.flush();
    events.record(changes);
  }

  /** The opportunity as a GET answers it now (the caller has locked it). */
  private OpportunityView current(long id) {
    return java.util.Objects.requireNonNull(events.views(List.of(id)).get(id));
  }

  /** Locks the opportunity for a change that depends on its current state. */
  Opportunity lockForChange(long id, IfMatch ifMatch, CustomFieldDefinitions definitions) {
    Opportunity opportunity =
        opportunities
            .lockVisible(id, Caller.current().ownerScope())
            .orElseThrow(() -> new OpportunityNotFound(id));
    ifMatch.check(ETags.of(opportunity.version(), definitions.epoch()));
    return opportunity;
  }

  /**
   * Associates the primary leads of opportunities a batch changed, reads them back and records
   * their events: each one's update, in item order (one that changed nothing records none), then
   * the associations created.
   *
   * @param before the opportunities as they were before the change, by id
   */
  void recordUpdates(List<Opportunity> updated, Map<Long, OpportunityView> before) {
    List<Long> ids = updated.stream().map(Opportunity::id).distinct().toList();
    record(EventType.OPPORTUNITY_UPDATED, updated, before, events.views(ids));
  }

  private void record(
      EventType type,
      List<Opportunity> written,
      Map<Long, OpportunityView> before,
      Map<Long, OpportunityView> after) {
    List<Change> associations = leads.ensurePrimaryLeads(written);
    List<Change> changes =
        new ArrayList<>(OpportunityEvents.opportunities(type, after.keySet(), before, after));
    changes.addAll(associations);
    events.record(changes);
  }

  /**
   * Associates the primary lead of what was changed, reads it back as a client would, and records
   * the events: updated (none when nothing changed), then the associations it created.
   */
  private Versioned<OpportunityView> updated(Opportunity written, OpportunityView before) {
    Versioned<OpportunityView> after = queries.get(written.id());
    record(
        EventType.OPPORTUNITY_UPDATED,
        List.of(written),
        Map.of(written.id(), before),
        Map.of(written.id(), after.body()));
    return after;
  }
}
