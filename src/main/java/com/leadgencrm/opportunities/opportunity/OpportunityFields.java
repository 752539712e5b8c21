package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.dealstage.StageRef;
import com.leadgencrm.opportunities.field.FieldCatalog;
import com.leadgencrm.opportunities.field.FieldRef;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The custom opportunity fields a read or a write works with, from the {@link FieldCatalog} itself:
 * every caller here has had its permission checked by the operation it serves, and going through
 * {@code FieldService}'s interceptors again cost every GET by id 1.1% of its CPU samples.
 */
@Component
class OpportunityFields {

  private final FieldCatalog catalog;
  private final JdbcClient jdbc;
  private volatile @Nullable CustomFieldDefinitions last;

  OpportunityFields(FieldCatalog catalog, JdbcClient jdbc) {
    this.catalog = catalog;
    this.jdbc = jdbc;
  }

  /** The custom opportunity fields, as this request sees them. */
  CustomFieldDefinitions definitions() {
    return of(catalog.customFields("opportunity"));
  }

  /**
   * What a write of opportunities starts with, in one round trip: the shared table lock comes
   * first, so that a field change that converts or removes stored values (which locks the table
   * exclusively) is either wholly before this write or wholly after it; then the definitions it
   * validates against, and the deal stage {@code stageId} names (null when it names none).
   */
  Opened forWrite(@Nullable Long stageId) {
    Row row =
        jdbc.sql(
                """
                select catalog_version, stage_id, stage_default_probability
                  from opportunity_write_opened(:stage)""")
            .param("stage", stageId, Types.BIGINT)
            .query(OpportunityFields::row)
            .single();
    return new Opened(at(row.version()), row.stage());
  }

  /** A row of the write's opening: the catalog's version, and a deal stage if there is one. */
  private record Row(long version, @Nullable StageRef stage) {}

  private static Row row(ResultSet rs, int n) throws SQLException {
    return new Row(
        rs.getLong("catalog_version"),
        rs.getObject("stage_id") == null
            ? null
            : new StageRef(rs.getLong("stage_id"), rs.getBigDecimal("stage_default_probability")));
  }

  /**
   * The custom opportunity fields at a version of the catalog that a write has just read under the
   * table lock that orders it with field changes.
   */
  CustomFieldDefinitions at(long catalogVersion) {
    return of(catalog.customFieldsAt("opportunity", catalogVersion));
  }

  /** A write's definitions, and the deal stage it named (null when none, or no such stage). */
  record Opened(CustomFieldDefinitions definitions, @Nullable StageRef stage) {}

  /**
   * What a write of many opportunities starts with, in one round trip: as {@link #forWrite}, with
   * every deal stage by id instead of one (a row each). The stages are read in the statement's
   * snapshot, taken before the table lock: the lock orders writes with field changes, not with
   * stage changes (an opportunity's stage is held by its foreign key).
   */
  OpenedForMany forWrites() {
    List<Row> rows =
        jdbc.sql(
                """
                select w.catalog_version,
                       s.id as stage_id, s.default_probability as stage_default_probability
                  from opportunity_write_opened(null) w left join deal_stage s on true""")
            .query(OpportunityFields::row)
            .list();
    Map<Long, StageRef> stages = new HashMap<>();
    for (Row row : rows) {
      StageRef stage = row.stage();
      if (stage != null) {
        stages.put(stage.id(), stage);
      }
    }
    return new OpenedForMany(at(rows.get(0).version()), stages);
  }

  /** A write's definitions, and every deal stage by id. */
  record OpenedForMany(CustomFieldDefinitions definitions, Map<Long, StageRef> stages) {}

  /** Built once per list of definitions: the list instance changes when the definitions do. */
  private CustomFieldDefinitions of(List<FieldRef> custom) {
    CustomFieldDefinitions previous = last;
    if (previous != null && previous.source() == custom) {
      return previous;
    }
    CustomFieldDefinitions built = new CustomFieldDefinitions(custom);
    last = built;
    return built;
  }
}
