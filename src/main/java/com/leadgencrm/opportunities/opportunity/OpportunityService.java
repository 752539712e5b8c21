package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.Caller;
import com.leadgencrm.opportunities.core.ETags;
import com.leadgencrm.opportunities.core.IfMatch;
import com.leadgencrm.opportunities.core.Permission;
import com.leadgencrm.opportunities.core.Requires;
import com.leadgencrm.opportunities.core.Submitted;
import com.leadgencrm.opportunities.core.Versioned;
import java.util.List;
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
  private final RecycleBin bin;

  OpportunityService(
      OpportunityRepository opportunities,
      OpportunityDrafts drafts,
      OpportunityQueries queries,
      OpportunityLeadService leads,
      OpportunityFields fields,
      RecycleBin bin) {
    this.bin = bin;
    this.opportunities = opportunities;
    this.drafts = drafts;
    this.queries = queries;
    this.leads = leads;
    this.fields = fields;
  }

  @Transactional
  @Requires(Permission.WRITE_OPPORTUNITIES)
  public Versioned<OpportunityView> create(Submitted<OpportunityInput> submitted) {
    return written(opportunities.saveAndFlush(drafts.created(submitted, drafts.single())));
  }

  @Transactional
  @Requires(Permission.WRITE_OPPORTUNITIES)
  public Versioned<OpportunityView> replace(
      long id, Submitted<OpportunityInput> submitted, IfMatch ifMatch) {
    OpportunityDrafts.WriteContext context = drafts.single();
    Opportunity opportunity = lockForChange(id, ifMatch, context.definitions());
    drafts.replace(opportunity, submitted, context);
    return written(opportunities.saveAndFlush(opportunity));
  }

  /** Applies a JSON Merge Patch (RFC 7396) to the opportunity's writable properties. */
  @Transactional
  @Requires(Permission.WRITE_OPPORTUNITIES)
  public Versioned<OpportunityView> patch(
      long id, Submitted<OpportunityInput> patch, IfMatch ifMatch) {
    OpportunityDrafts.WriteContext context = drafts.single();
    Opportunity opportunity = lockForChange(id, ifMatch, context.definitions());
    drafts.patch(opportunity, patch, context);
    return written(opportunities.saveAndFlush(opportunity));
  }

  /** Moves the opportunity and its lead associations to the recycle bin ({@link RecycleBin}). */
  @Transactional
  @Requires(Permission.DELETE_OPPORTUNITIES)
  public void delete(long id, IfMatch ifMatch) {
    Opportunity opportunity = lockForChange(id, ifMatch, fields.definitions());
    bin.keep(id);
    opportunities.delete(opportunity);
    opportunities.flush();
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

  /** Associates the primary lead of what was written, and reads it back as a client would. */
  private Versioned<OpportunityView> written(Opportunity written) {
    leads.ensurePrimaryLeads(List.of(written));
    return queries.get(written.id());
  }
}
