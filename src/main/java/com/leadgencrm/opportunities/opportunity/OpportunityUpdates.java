package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.Versioned;
import com.leadgencrm.opportunities.dealstage.StageRef;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Changes to existing opportunities, made as creates are made ({@link OpportunityInserts}): one
 * statement locks the opportunities and reads each of them three ways at once (the entity whose
 * rules the change applies, the representation a client read before it, and the current stage); one
 * statement writes back those that changed and returns them as a read would. JPA took a PATCH a
 * locking read, a read of the representation, one of the stage, a flush and a read-back: five round
 * trips where these are two (BENCHMARKS.md, twenty-fifth round). A change of one opportunity
 * ({@link #open}) reads in its locking statement also what the change is checked against (the field
 * catalog's version and the deal stage it names), which took a round trip of its own before (the
 * twenty-sixth round).
 *
 * <p>Locks filter by owner for callers who see only their own: another owner's row is never locked
 * on their behalf, so that they can neither delay its writes nor learn from the wait that it
 * exists. Several are locked in id order, so that two batches over the same rows cannot deadlock.
 *
 * <p>The entities are not JPA's (no persistence context holds them): only {@link #write} saves
 * them, and an opportunity whose rules found nothing to change is not written at all (its version
 * and update time stay).
 */
@Component
class OpportunityUpdates {

  /**
   * What a change writes: every column but the row's identity, its creation and its pipeline (its
   * stage's, which a trigger keeps).
   */
  private static final List<String> WRITTEN =
      OpportunityRows.COLUMN_NAMES.stream()
          .filter(column -> !Set.of("id", "create_timestamp", "pipeline_id").contains(column))
          .toList();

  private static final String OWN = " and o.owner_id = ?";

  /**
   * What a change of one opportunity reads besides it: the version of the field catalog its custom
   * values are checked against, and the deal stage it names (the one {@code ?}: null for none).
   *
   * <p>The catalog's version is read in the statement that locks the row, under the same snapshot.
   * Every field change that converts, removes or checks stored values locks the table in EXCLUSIVE
   * mode, which conflicts with the ROW SHARE lock this statement takes as it is parsed, before its
   * snapshot: such a change is wholly before the snapshot (whose catalog version is then the one
   * the stored values have) or waits until this change has committed.
   */
  private static final Opening OPENING =
      new Opening(
          ", c.catalog_version, n.named_stage_id, n.named_stage_default_probability",
          """
           cross join (select version as catalog_version from field_catalog) c
           left join (select id as named_stage_id,
                             default_probability as named_stage_default_probability
                        from deal_stage where id = cast(? as bigint)) n on true""");

  /** Columns and joins a locking statement adds to the opportunity's own. */
  private record Opening(String columns, String joins) {}

  private static final Opening NONE = new Opening("", "");

  private static final String LOCK_ANY = lock(NONE, "");

  private static final String LOCK_OWN = lock(NONE, OWN);

  private static final String OPEN_ANY = lock(OPENING, "");

  private static final String OPEN_OWN = lock(OPENING, OWN);

  private static String lock(Opening opening, String scope) {
    return """
      select %s, version, to_json(o) as entity,
             (select s.default_probability from deal_stage s where s.id = o.deal_stage_id)
               as stage_default_probability%s
        from opportunity o%s
       where o.id = any(cast(? as bigint[]))%s
       order by o.id
         for no key update of o"""
        .formatted(
            OpportunityRows.COLUMNS,
            opening.columns(),
            opening.joins().isEmpty() ? "" : "\n" + opening.joins().stripTrailing(),
            scope);
  }

  private static final String UPDATE =
      """
      update opportunity o
         set (%s) = (%s), version = o.version + 1
        from json_populate_recordset(null::opportunity, cast(? as json)) r
       where o.id = r.id
      returning %s, o.version"""
          .formatted(
              String.join(", ", WRITTEN),
              WRITTEN.stream().map(column -> "r." + column).collect(Collectors.joining(", ")),
              OpportunityRows.COLUMN_NAMES.stream()
                  .map(column -> "o." + column)
                  .collect(Collectors.joining(", ")));

  /**
   * A locked opportunity: the entity a change applies its rules to, the opportunity as a client
   * read it before, and the stage it was in.
   */
  record Locked(Opportunity opportunity, Versioned<OpportunityView> before, StageRef stage) {

    /** Whether the change changed anything a client sees (and so is to be written). */
    boolean changed() {
      return !opportunity.lastChanged().equals(before.body().updateTimestamp());
    }

    /**
     * Whether the change names a primary lead the opportunity did not have, whose association is
     * then to be ensured. One it kept is associated already: its association cannot be removed
     * while it is the primary lead (that is refused under this row's lock).
     */
    boolean newPrimaryLead() {
      Long lead = opportunity.primaryLeadId();
      return lead != null && !lead.equals(before.body().primaryLeadID());
    }
  }

  /**
   * One opportunity locked for a change of its own, with the custom field definitions of the
   * catalog version the statement read and the deal stage the change names (null when it names
   * none, or one that does not exist).
   */
  record Opened(Locked locked, CustomFieldDefinitions definitions, @Nullable StageRef named) {}

  private final JdbcClient jdbc;
  private final OpportunityRows rows;

  OpportunityUpdates(JdbcClient jdbc, OpportunityRows rows) {
    this.jdbc = jdbc;
    this.rows = rows;
  }

  /** The opportunity, locked, when the caller with this owner scope (null: all) may see it. */
  Optional<Locked> lock(long id, @Nullable Long scope, CustomFieldDefinitions definitions) {
    return lockAll(List.of(id), scope, definitions).values().stream().findFirst();
  }

  /**
   * The opportunity, locked, when the caller with this owner scope (null: all) may see it, with all
   * a change of it is checked against, in one statement: the definitions of the catalog version it
   * read ({@code definitionsAt}) and the deal stage {@code namedStage}.
   */
  Optional<Opened> open(
      long id,
      @Nullable Long scope,
      @Nullable Long namedStage,
      LongFunction<CustomFieldDefinitions> definitionsAt) {
    var statement =
        jdbc.sql(scope == null ? OPEN_ANY : OPEN_OWN)
            .param(new SqlParameterValue(Types.BIGINT, namedStage))
            .param(new Long[] {id});
    if (scope != null) {
      statement = statement.param(scope);
    }
    return statement
        .query(
            (rs, n) -> {
              CustomFieldDefinitions definitions =
                  definitionsAt.apply(rs.getLong("catalog_version"));
              StageRef named =
                  rs.getObject("named_stage_id") == null
                      ? null
                      : new StageRef(
                          rs.getLong("named_stage_id"),
                          rs.getBigDecimal("named_stage_default_probability"));
              return new Opened(locked(rs, definitions), definitions, named);
            })
        .optional();
  }

  private Locked locked(ResultSet rs, CustomFieldDefinitions definitions) throws SQLException {
    Versioned<OpportunityView> before = rows.versioned(rs, definitions);
    return new Locked(
        rows.entity(rs.getString("entity")),
        before,
        new StageRef(before.body().dealStageID(), rs.getBigDecimal("stage_default_probability")));
  }

  /**
   * The opportunities among these the caller with this owner scope (null: all) may see, locked in
   * id order; by id, in that order.
   */
  Map<Long, Locked> lockAll(
      Collection<Long> ids, @Nullable Long scope, CustomFieldDefinitions definitions) {
    Map<Long, Locked> locked = new LinkedHashMap<>();
    if (ids.isEmpty()) {
      return locked;
    }
    var statement = jdbc.sql(scope == null ? LOCK_ANY : LOCK_OWN).param(ids.toArray(Long[]::new));
    if (scope != null) {
      statement = statement.param(scope);
    }
    statement
        .query((rs, n) -> locked(rs, definitions))
        .list()
        .forEach(each -> locked.put(each.before().body().id(), each));
    return locked;
  }

  /**
   * Writes the locked opportunities that changed, in one statement; answers each of them as a read
   * would now, by id (those that did not change as they were read).
   */
  Map<Long, Versioned<OpportunityView>> write(
      Collection<Locked> locked, CustomFieldDefinitions definitions) {
    Map<Long, Versioned<OpportunityView>> after = new LinkedHashMap<>();
    locked.forEach(each -> after.put(each.before().body().id(), each.before()));
    List<Opportunity> changed =
        locked.stream().filter(Locked::changed).map(Locked::opportunity).toList();
    if (!changed.isEmpty()) {
      jdbc.sql(UPDATE)
          .param(rows.rowsJson(changed))
          .query((rs, n) -> rows.versioned(rs, definitions))
          .list()
          .forEach(view -> after.put(view.body().id(), view));
    }
    return after;
  }
}
