package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.AtomicBatchRefused;
import com.leadgencrm.opportunities.core.Caller;
import com.leadgencrm.opportunities.core.ETags;
import com.leadgencrm.opportunities.core.HeavyRead;
import com.leadgencrm.opportunities.core.IfMatch;
import com.leadgencrm.opportunities.core.InputRules;
import com.leadgencrm.opportunities.core.InvalidInput;
import com.leadgencrm.opportunities.core.ItemOutcome;
import com.leadgencrm.opportunities.core.Permission;
import com.leadgencrm.opportunities.core.Requires;
import com.leadgencrm.opportunities.core.Savepoints;
import com.leadgencrm.opportunities.core.Submitted;
import com.leadgencrm.opportunities.core.Versioned;
import com.leadgencrm.opportunities.event.Change;
import com.leadgencrm.opportunities.query.Column;
import com.leadgencrm.opportunities.query.ListQuery;
import com.leadgencrm.opportunities.query.ListStatements;
import com.leadgencrm.opportunities.query.Page;
import com.leadgencrm.opportunities.query.PageSpec;
import com.leadgencrm.opportunities.query.SortKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opportunity-lead associations: one per pair, created idempotently. Written with plain SQL: an
 * {@code INSERT ... ON CONFLICT DO NOTHING} is the race-free way to create a pair at most once.
 */
@Service
// reads are one or two statements each: they join a caller's transaction, and need none of their
// own
@Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
public class OpportunityLeadService {

  static final List<SortKey> SORT_KEYS =
      List.of(
          SortKey.id(), new SortKey("createTimestamp", "create_timestamp", SortKey.Type.INSTANT));

  private static final String COLUMNS = OpportunityLeadWrites.COLUMNS;

  /** Associations never change, so one tag fits every representation of each. */
  static final String ETAG = ETags.of(1);

  private final JdbcClient jdbc;
  private final ListStatements lists;
  private final InputRules rules;
  private final Savepoints savepoints;
  private final OpportunityLeadWrites writes;

  OpportunityLeadService(
      JdbcClient jdbc,
      ListStatements lists,
      InputRules rules,
      Savepoints savepoints,
      OpportunityLeadWrites writes) {
    this.jdbc = jdbc;
    this.lists = lists;
    this.rules = rules;
    this.savepoints = savepoints;
    this.writes = writes;
  }

  /** An association, and whether this request created it. */
  public record Association(OpportunityLeadView view, boolean created) {}

  @Requires(Permission.READ)
  @HeavyRead
  public Page<OpportunityLeadView> list(OpportunityLeadListParams params, PageSpec page) {
    return new ListQuery()
        .anyOf("id", params.id())
        .anyOf("opportunity_id", params.opportunityID())
        .anyOf("lead_id", params.leadID())
        .atLeast("create_timestamp", params.createTimestampFrom())
        .atMost("create_timestamp", params.createTimestampTo())
        .where(scope(), scopeParameters())
        .page(lists, COLUMNS, "opportunity_lead", page, (rs, n) -> view(rs));
  }

  /** The associations of one opportunity. */
  @Requires(Permission.READ)
  public Page<OpportunityLeadView> listFor(long opportunityId, PageSpec page) {
    requireOpportunity(opportunityId);
    return new ListQuery()
        .equal("opportunity_id", opportunityId)
        .page(lists, COLUMNS, "opportunity_lead", page, (rs, n) -> view(rs));
  }

  @Requires(Permission.READ)
  public Versioned<OpportunityLeadView> get(long id) {
    return new Versioned<>(find(id).orElseThrow(() -> new OpportunityLeadNotFound(id)), ETAG);
  }

  static final Map<String, Column> WHERE_COLUMNS =
      Column.columns(
          "id:id:LONG",
          "opportunityID:opportunity_id:LONG",
          "leadID:lead_id:LONG",
          "createTimestamp:create_timestamp:INSTANT",
          "updateTimestamp:update_timestamp:INSTANT");

  /**
   * Associations whose properties equal the given values, in id order: the wire protocol's where.
   */
  @Requires(Permission.READ)
  @HeavyRead
  public List<OpportunityLeadView> where(Map<String, String> equalities, int limit, int offset) {
    return new ListQuery()
        .equalities(equalities, WHERE_COLUMNS)
        .where(scope(), scopeParameters())
        .rows(lists, COLUMNS, "opportunity_lead", limit, offset, (rs, n) -> view(rs));
  }

  /** Associations created (or changed) within [from, to], in id order. */
  @Requires(Permission.READ)
  @HeavyRead
  public List<OpportunityLeadView> between(
      boolean created, Instant from, Instant to, int limit, int offset) {
    return new ListQuery()
        .changedWithin(created, from, to)
        .where(scope(), scopeParameters())
        .rows(lists, COLUMNS, "opportunity_lead", limit, offset, (rs, n) -> view(rs));
  }

  /**
   * Moves an association to another opportunity or lead, keeping its id (the wire protocol's
   * update; the REST API deletes and creates instead). The pair must stay unique, and the primary
   * lead's association stays while it is primary. Moving an association away removes it from its
   * opportunity: it needs the permission to delete.
   */
  @Transactional
  @Requires(Permission.DELETE_OPPORTUNITIES)
  public OpportunityLeadView update(long id, Submitted<OpportunityLeadInput> changes) {
    OpportunityLeadView current = find(id).orElseThrow(() -> new OpportunityLeadNotFound(id));
    OpportunityLeadInput input =
        rules.validPatch(
            changes, new OpportunityLeadInput(current.opportunityID(), current.leadID()));
    if (input.opportunityID() == current.opportunityID() && input.leadID() == current.leadID()) {
      return current;
    }
    long owner = visibleOwner(input.opportunityID());
    OpportunityLeadWrites.Locked from =
        writes
            .lockVisible(current.opportunityID())
            .orElseThrow(() -> new OpportunityLeadNotFound(id));
    Long primary = from.primaryLeadId();
    if (primary != null && primary == current.leadID()) {
      throw new PrimaryLeadAssociation(current.opportunityID(), current.leadID());
    }
    Optional<Long> taken =
        jdbc.sql("select id from opportunity_lead where opportunity_id = :o and lead_id = :l")
            .param("o", input.opportunityID())
            .param("l", input.leadID())
            .query(Long.class)
            .optional();
    if (taken.isPresent()) {
      throw new AssociationExists(input.opportunityID(), input.leadID(), taken.get());
    }
    return writes.move(current, input.opportunityID(), input.leadID(), from.owner(), owner);
  }

  /** The owner of an opportunity the caller sees; one it does not see is an invalid input. */
  private long visibleOwner(long opportunityID) {
    return writes
        .visibleOwner(opportunityID)
        .orElseThrow(
            () ->
                new InvalidInput(
                    "opportunityID", "opportunity " + opportunityID + " does not exist"));
  }

  /** Associations are visible with their opportunity: a scoped caller's own ones. */
  private static String scope() {
    return Caller.current().ownerScope() == null
        ? "true"
        : "exists (select 1 from opportunity o where o.id = opportunity_lead.opportunity_id"
            + " and o.owner_id = :scopeOwner)";
  }

  private static Map<String, Object> scopeParameters() {
    Long owner = Caller.current().ownerScope();
    return owner == null ? Map.of() : Map.of("scopeOwner", owner);
  }

  /** Creates an association; a second one for the same pair is a conflict naming the first. */
  @Transactional
  @Requires(Permission.WRITE_OPPORTUNITIES)
  public Versioned<OpportunityLeadView> create(Submitted<OpportunityLeadInput> submitted) {
    return new Versioned<>(created(submitted), ETAG);
  }

  private OpportunityLeadView created(Submitted<OpportunityLeadInput> submitted) {
    OpportunityLeadWrites.Inserted inserted = inserted(submitted);
    writes.record(List.of(java.util.Objects.requireNonNull(inserted.event())));
    return inserted.view();
  }

  /** A new association, whose event the caller records; an existing pair is a conflict. */
  private OpportunityLeadWrites.Inserted inserted(Submitted<OpportunityLeadInput> submitted) {
    OpportunityLeadInput input = rules.valid(submitted);
    long owner = visibleOwner(input.opportunityID());
    OpportunityLeadWrites.Inserted association =
        writes.insertUnrecorded(input.opportunityID(), input.leadID(), owner);
    if (!association.created()) {
      throw new AssociationExists(input.opportunityID(), input.leadID(), association.view().id());
    }
    return association;
  }

  /**
   * Many associations at once, each answered like a create (created, or a conflict naming the
   * existing one); an atomic batch creates all or none.
   */
  @Transactional
  @Requires(Permission.WRITE_OPPORTUNITIES)
  public List<ItemOutcome> createAll(List<Submitted<OpportunityLeadInput>> items, boolean atomic) {
    Map<Integer, Change> events = new java.util.HashMap<>();
    List<ItemOutcome> outcomes =
        savepoints.each(
            items,
            (index, item) -> {
              OpportunityLeadWrites.Inserted inserted = inserted(item);
              events.put(index, java.util.Objects.requireNonNull(inserted.event()));
              return new ItemOutcome.Applied(index, inserted.view().id(), true);
            });
    if (atomic) {
      AtomicBatchRefused.ifAnyRefused(outcomes.toArray(ItemOutcome[]::new));
    }
    // the events of the items that stayed (not rolled back to their savepoint), in one round trip
    writes.record(
        outcomes.stream()
            .filter(ItemOutcome.Applied.class::isInstance)
            .map(outcome -> events.get(outcome.index()))
            .toList());
    return outcomes;
  }

  /** Associates a lead with an opportunity, or finds that it already is (idempotent). */
  @Transactional
  @Requires(Permission.WRITE_OPPORTUNITIES)
  public Association associate(long opportunityId, long leadId) {
    long owner = requireOpportunity(opportunityId);
    checkLeadId(leadId);
    OpportunityLeadWrites.Inserted inserted = writes.insert(opportunityId, leadId, owner);
    return new Association(inserted.view(), inserted.created());
  }

  @Transactional
  @Requires(Permission.DELETE_OPPORTUNITIES)
  public void delete(long id, IfMatch ifMatch) {
    OpportunityLeadView association = find(id).orElseThrow(() -> new OpportunityLeadNotFound(id));
    ifMatch.check(ETAG);
    remove(association);
  }

  @Transactional
  @Requires(Permission.DELETE_OPPORTUNITIES)
  public void dissociate(long opportunityId, long leadId, IfMatch ifMatch) {
    requireOpportunity(opportunityId);
    OpportunityLeadView association =
        writes
            .find(opportunityId, leadId)
            .orElseThrow(
                () ->
                    new OpportunityLeadNotFound(
                        "of opportunity " + opportunityId + " and lead " + leadId));
    ifMatch.check(ETAG);
    remove(association);
  }

  /**
   * Makes sure the primary lead of each opportunity is associated with it, in one statement.
   *
   * @return the events of the associations this created, for the write to record with its own
   */
  @Transactional
  @Requires(Permission.WRITE_OPPORTUNITIES)
  List<Change> ensurePrimaryLeads(List<Opportunity> written) {
    return writes.ensurePrimaryLeads(written);
  }

  private void remove(OpportunityLeadView association) {
    if (!writes.remove(association)) {
      throw new OpportunityLeadNotFound(association.id());
    }
  }

  private Optional<OpportunityLeadView> find(long id) {
    return jdbc.sql("select " + COLUMNS + " from opportunity_lead where id = :id")
        .param("id", id)
        .query((rs, n) -> view(rs))
        .optional()
        .filter(association -> opportunityExists(association.opportunityID()));
  }

  /** Whether the opportunity exists and the caller may see it. */
  private boolean opportunityExists(long opportunityId) {
    return writes.visibleOwner(opportunityId).isPresent();
  }

  /** The owner of the opportunity, which must exist and be the caller's to see. */
  private long requireOpportunity(long opportunityId) {
    return writes
        .visibleOwner(opportunityId)
        .orElseThrow(() -> new OpportunityNotFound(opportunityId));
  }

  private static void checkLeadId(long leadId) {
    if (leadId < 1 || leadId > OpportunityInput.MAX_ID) {
      throw new InvalidInput("leadID", "must be an integer from 1 to " + OpportunityInput.MAX_ID);
    }
  }

  static OpportunityLeadView view(ResultSet rs) throws SQLException {
    return new OpportunityLeadView(
        rs.getLong("id"),
        rs.getLong("opportunity_id"),
        rs.getLong("lead_id"),
        rs.getObject("create_timestamp", OffsetDateTime.class).toInstant(),
        rs.getObject("update_timestamp", OffsetDateTime.class).toInstant());
  }
}
