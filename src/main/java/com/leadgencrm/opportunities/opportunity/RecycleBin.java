package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.Caller;
import com.leadgencrm.opportunities.core.InvalidInput;
import com.leadgencrm.opportunities.core.Permission;
import com.leadgencrm.opportunities.core.Requires;
import com.leadgencrm.opportunities.core.Versioned;
import com.leadgencrm.opportunities.dealstage.DealStageService;
import com.leadgencrm.opportunities.dealstage.StageRef;
import com.leadgencrm.opportunities.event.Change;
import com.leadgencrm.opportunities.event.EventRecorder;
import com.leadgencrm.opportunities.event.EventType;
import com.leadgencrm.opportunities.query.ListQuery;
import com.leadgencrm.opportunities.query.ListStatements;
import com.leadgencrm.opportunities.query.Page;
import com.leadgencrm.opportunities.query.PageSpec;
import com.leadgencrm.opportunities.query.SortKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The recycle bin of opportunities: a delete moves an opportunity and its lead associations here
 * (out of every read, list and wire result), a restore brings them back with the same ids, and a
 * purge (an Administrator's, or {@link RecycleBinPurge} after CRM_RECYCLE_DAYS) ends them.
 */
@Service
@Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
public class RecycleBin {

  static final List<SortKey> SORT_KEYS =
      List.of(SortKey.id(), new SortKey("deletedTimestamp", "deleted_at", SortKey.Type.INSTANT));

  /** The bin's rows with the opportunity's own columns, as the opportunity table has them. */
  static final String BINNED =
      """
      (select b.deleted_at, b.deleted_by, b.owner_id as bin_owner,
              jsonb_array_length(b.leads) as lead_count, o.*
         from opportunity_bin b
        cross join lateral jsonb_populate_record(null::opportunity, b.opportunity) o) opportunity""";

  private final JdbcClient jdbc;
  private final ListStatements lists;
  private final OpportunityRows rows;
  private final OpportunityFields fields;
  private final OpportunityQueries queries;
  private final DealStageService stages;
  private final EventRecorder events;
  private final Duration keptFor;

  RecycleBin(
      JdbcClient jdbc,
      ListStatements lists,
      OpportunityRows rows,
      OpportunityFields fields,
      OpportunityQueries queries,
      DealStageService stages,
      EventRecorder events,
      OpportunityProperties properties) {
    this.jdbc = jdbc;
    this.lists = lists;
    this.rows = rows;
    this.fields = fields;
    this.queries = queries;
    this.stages = stages;
    this.events = events;
    this.keptFor = Duration.ofDays(properties.recycleDays());
  }

  /**
   * Moves a locked opportunity and its associations into the bin, in the delete's transaction: one
   * statement copies them into the bin, deletes the opportunity (its associations go with it, by
   * their foreign key) and answers the associations as the bin keeps them, in id order (for their
   * events). Every part sees the rows as they were when it started.
   */
  List<OpportunityLeadView> moveIn(long id) {
    Caller caller = Caller.current();
    return jdbc.sql(
            """
            with kept as (
              insert into opportunity_bin
                  (id, owner_id, deal_stage_id, deleted_at, deleted_by, opportunity, leads)
              select o.id, o.owner_id, o.deal_stage_id, now(), :by, to_jsonb(o),
                     coalesce((select jsonb_agg(to_jsonb(l) order by l.id) from opportunity_lead l
                                where l.opportunity_id = o.id), '[]')
                from opportunity o where o.id = :id
              returning leads),
            gone as (delete from opportunity where id = :id)
            select l.id, l.opportunity_id, l.lead_id, l.create_timestamp, l.update_timestamp
              from kept, jsonb_populate_recordset(null::opportunity_lead, kept.leads) l
             order by l.id""")
        .param("id", id)
        .param("by", caller == Caller.SYSTEM ? null : caller.userId())
        .query((rs, n) -> OpportunityLeadService.view(rs))
        .list();
  }

  /** The deleted opportunities the caller may see (their own, for those who see no others). */
  @Requires(Permission.READ)
  public Page<DeletedOpportunityView> list(DeletedListParams params, PageSpec page) {
    CustomFieldDefinitions definitions = fields.definitions();
    ListQuery query =
        scoped(new ListQuery().anyOf("id", params.id()).anyOf("bin_owner", params.ownerID()));
    if (definitions.mayPassPageBytes(page.limit() + 1)) {
      query.bulky("custom_fields");
    }
    return query.page(
        lists,
        "deleted_at, deleted_by, lead_count, " + OpportunityRows.COLUMNS,
        BINNED,
        page,
        (rs, n) -> view(rs, definitions));
  }

  /**
   * Brings a deleted opportunity back with its associations, same ids; its entity tag changes.
   *
   * @param moveTo the stage it comes back into (required when its own stage is gone)
   */
  @Transactional
  @Requires(Permission.DELETE_OPPORTUNITIES)
  public Versioned<OpportunityView> restore(long id, @Nullable Long moveTo) {
    long stage = lockBinned(id).orElseThrow(() -> new OpportunityNotFound(id));
    StageRef target = null;
    if (moveTo != null) {
      target =
          stages
              .find(moveTo)
              .orElseThrow(
                  () -> new InvalidInput("moveTo", "deal stage " + moveTo + " does not exist"));
    } else if (stages.find(stage).isEmpty()) {
      throw new OpportunityStageGone(id, stage);
    }
    // back with a new version (so a new entity tag) and, given moveTo, in that stage, where a
    // probability that follows the stage takes the stage's default
    jdbc.sql(
            """
            insert into opportunity
            select (jsonb_populate_record(null::opportunity, b.opportunity
                     || jsonb_build_object('version', (b.opportunity->>'version')::bigint + 1,
                            'update_timestamp', date_trunc('microseconds', clock_timestamp()))
                     || case when cast(:stage as bigint) is null then '{}'::jsonb
                             else jsonb_build_object('deal_stage_id', cast(:stage as bigint))
                                  || case when (b.opportunity->>'probability_explicit')::boolean
                                          then '{}'::jsonb
                                          else jsonb_build_object('probability',
                                                                  cast(:probability as numeric))
                                     end
                        end)).*
              from opportunity_bin b where b.id = :id""")
        .param("id", id)
        .param("stage", target == null ? null : target.id(), java.sql.Types.BIGINT)
        .param(
            "probability",
            target == null ? null : target.defaultProbability(),
            java.sql.Types.NUMERIC)
        .update();
    List<OpportunityLeadView> leads =
        jdbc.sql(
                """
                insert into opportunity_lead
                select (jsonb_populate_recordset(null::opportunity_lead, b.leads)).*
                  from opportunity_bin b where b.id = :id
                returning id, opportunity_id, lead_id, create_timestamp, update_timestamp""")
            .param("id", id)
            .query((rs, n) -> OpportunityLeadService.view(rs))
            .list();
    jdbc.sql("delete from opportunity_bin where id = :id").param("id", id).update();
    Versioned<OpportunityView> restored = queries.get(id);
    List<Change> changes = new ArrayList<>();
    changes.add(Change.of(EventType.OPPORTUNITY_RESTORED, id, null, restored.body()));
    for (OpportunityLeadView lead : leads) {
      changes.add(
          Change.ofAssociation(
              EventType.OPPORTUNITY_LEAD_CREATED,
              lead.id(),
              null,
              lead,
              restored.body().ownerID()));
    }
    events.recordAll(changes);
    return restored;
  }

  /** Ends a deleted opportunity for good: Administrators only. */
  @Transactional
  @Requires(Permission.PURGE_OPPORTUNITIES)
  public void purge(long id) {
    CustomFieldDefinitions definitions = fields.definitions();
    List<OpportunityView> purged =
        jdbc.sql(
                "with gone as (delete from opportunity_bin where id = :id returning *)"
                    + " select "
                    + OpportunityRows.COLUMNS
                    + " from (select (jsonb_populate_record(null::opportunity, gone.opportunity)).*"
                    + " from gone) opportunity")
            .param("id", id)
            .query((rs, n) -> rows.view(rs, definitions))
            .list();
    if (purged.isEmpty()) {
      throw new OpportunityNotFound(id);
    }
    events.record(EventType.OPPORTUNITY_PURGED, id, purged.get(0), null);
  }

  /**
   * Purges what was deleted before {@code horizon}, as one statement: with several instances, each
   * opportunity is purged (and its event recorded) by exactly one.
   *
   * @return how many were purged
   */
  @Transactional
  @Requires(Permission.PURGE_OPPORTUNITIES)
  public int purgeDeletedBefore(java.time.Instant horizon) {
    CustomFieldDefinitions definitions = fields.definitions();
    List<OpportunityView> purged =
        jdbc.sql(
                "with gone as (delete from opportunity_bin where id in (select id from"
                    + " opportunity_bin where deleted_at < :horizon order by deleted_at limit 1000"
                    + " for update skip locked) returning *) select "
                    + OpportunityRows.COLUMNS
                    + " from (select (jsonb_populate_record(null::opportunity, gone.opportunity)).*"
                    + " from gone) opportunity")
            .param("horizon", OffsetDateTime.ofInstant(horizon, java.time.ZoneOffset.UTC))
            .query((rs, n) -> rows.view(rs, definitions))
            .list();
    events.recordAll(
        purged.stream()
            .map(view -> Change.of(EventType.OPPORTUNITY_PURGED, view.id(), view, null))
            .toList());
    return purged.size();
  }

  /** The stage of a binned opportunity the caller may see, its bin row locked. */
  private Optional<Long> lockBinned(long id) {
    Long scope = Caller.current().ownerScope();
    return jdbc.sql(
            "select deal_stage_id from opportunity_bin where id = :id"
                + (scope == null ? "" : " and owner_id = :owner")
                + " for update")
        .param("id", id)
        .param("owner", scope == null ? 0L : scope)
        .query(Long.class)
        .optional();
  }

  private DeletedOpportunityView view(ResultSet rs, CustomFieldDefinitions definitions)
      throws SQLException {
    var deleted = rs.getObject("deleted_at", OffsetDateTime.class).toInstant();
    return new DeletedOpportunityView(
        rs.getLong("id"),
        deleted,
        rs.getObject("deleted_by", Long.class),
        deleted.plus(keptFor),
        rows.view(rs, definitions),
        rs.getInt("lead_count"));
  }

  private static ListQuery scoped(ListQuery list) {
    Long scope = Caller.current().ownerScope();
    return scope == null ? list : list.equal("bin_owner", scope);
  }
}
