package com.leadgencrm.opportunities.dealstage;

import com.leadgencrm.opportunities.core.ETags;
import com.leadgencrm.opportunities.core.IfMatch;
import com.leadgencrm.opportunities.core.InvalidRequest;
import com.leadgencrm.opportunities.core.Numbers;
import com.leadgencrm.opportunities.core.Versioned;
import com.leadgencrm.opportunities.json.JsonInput;
import com.leadgencrm.opportunities.query.ListQuery;
import com.leadgencrm.opportunities.query.ListStatements;
import com.leadgencrm.opportunities.query.Page;
import com.leadgencrm.opportunities.query.PageSpec;
import com.leadgencrm.opportunities.query.SortKey;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The deal stages of the pipeline: queries and the rules of change. */
@Service
// reads are one or two statements each: they join a caller's transaction, and need none of their
// own
@Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
public class DealStageService {

  private static final long MAX_WEIGHT = 999_999_999_999_999_999L;

  static final List<SortKey> SORT_KEYS =
      List.of(
          new SortKey("weight", "weight", SortKey.Type.LONG),
          SortKey.id(),
          new SortKey("dealStageName", "deal_stage_name", SortKey.Type.TEXT),
          new SortKey("createTimestamp", "create_timestamp", SortKey.Type.INSTANT),
          new SortKey("updateTimestamp", "update_timestamp", SortKey.Type.INSTANT));

  private static final String COLUMNS =
      """
      id, deal_stage_name, description, default_probability, weight, is_editable, version,
      create_timestamp, update_timestamp""";

  private final DealStageRepository stages;
  private final JdbcClient jdbc;
  private final ListStatements lists;
  private final JsonInput json;
  private final JsonMapper mapper;
  private final List<StageUsage> usages;

  DealStageService(
      DealStageRepository stages,
      JdbcClient jdbc,
      ListStatements lists,
      JsonInput json,
      JsonMapper mapper,
      List<StageUsage> usages) {
    this.stages = stages;
    this.jdbc = jdbc;
    this.lists = lists;
    this.json = json;
    this.mapper = mapper;
    this.usages = usages;
  }

  public Page<DealStageView> list(DealStageListParams params, MultiValueMap<String, String> query) {
    PageSpec page = PageSpec.of(params.sort(), params.limit(), params.cursor(), SORT_KEYS, query);
    return new ListQuery()
        .anyOf("id", params.id())
        .equal("is_editable", params.isEditable())
        .contains("deal_stage_name", params.q())
        .atLeast("create_timestamp", params.createTimestampFrom())
        .atMost("create_timestamp", params.createTimestampTo())
        .atLeast("update_timestamp", params.updateTimestampFrom())
        .atMost("update_timestamp", params.updateTimestampTo())
        .page(lists, COLUMNS, "deal_stage", page, (rs, n) -> view(rs));
  }

  private static DealStageView view(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new DealStageView(
        rs.getLong("id"),
        rs.getString("deal_stage_name"),
        rs.getString("description"),
        Numbers.plain(rs.getBigDecimal("default_probability")),
        rs.getLong("weight"),
        rs.getBoolean("is_editable"),
        rs.getObject("create_timestamp", OffsetDateTime.class).toInstant(),
        rs.getObject("update_timestamp", OffsetDateTime.class).toInstant());
  }

  public Versioned<DealStageView> get(long id) {
    return versioned(stages.findById(id).orElseThrow(() -> new DealStageNotFound(id)));
  }

  static final Map<String, ListQuery.Column> WHERE_COLUMNS =
      Map.of(
          "id", new ListQuery.Column("id", ListQuery.ColumnType.LONG),
          "dealStageName", new ListQuery.Column("deal_stage_name", ListQuery.ColumnType.TEXT),
          "description", new ListQuery.Column("description", ListQuery.ColumnType.TEXT),
          "defaultProbability",
              new ListQuery.Column("default_probability", ListQuery.ColumnType.DECIMAL),
          "weight", new ListQuery.Column("weight", ListQuery.ColumnType.LONG),
          "isEditable", new ListQuery.Column("is_editable", ListQuery.ColumnType.BOOLEAN),
          "createTimestamp", new ListQuery.Column("create_timestamp", ListQuery.ColumnType.INSTANT),
          "updateTimestamp",
              new ListQuery.Column("update_timestamp", ListQuery.ColumnType.INSTANT));

  /** Stages whose properties equal the given values, in id order: the wire protocol's where. */
  public List<DealStageView> where(Map<String, String> equalities, int limit, int offset) {
    return new ListQuery()
        .equalities(equalities, WHERE_COLUMNS)
        .rows(lists, COLUMNS, "deal_stage", limit, offset, (rs, n) -> view(rs));
  }

  /** Stages created (or changed) within [from, to], in id order. */
  public List<DealStageView> between(
      boolean created, Instant from, Instant to, int limit, int offset) {
    return new ListQuery()
        .changedWithin(created, from, to)
        .rows(lists, COLUMNS, "deal_stage", limit, offset, (rs, n) -> view(rs));
  }

  /** Every stage by id, for writes of many objects at once. */
  public Map<Long, StageRef> all() {
    Map<Long, StageRef> all = new HashMap<>();
    jdbc.sql("select id, default_probability from deal_stage")
        .query(
            (rs, n) ->
                all.put(
                    rs.getLong("id"),
                    new StageRef(rs.getLong("id"), rs.getBigDecimal("default_probability"))))
        .list();
    return all;
  }

  /** The stage with this id, for features that refer to stages. */
  public Optional<StageRef> find(long id) {
    return stages.findById(id).map(stage -> new StageRef(stage.id(), stage.defaultProbability()));
  }

  @Transactional
  public Versioned<DealStageView> create(JsonNode body) {
    DealStageInput input = json.read(body, DealStageInput.class);
    if (stages.nameTaken(input.dealStageName(), 0)) {
      throw new DealStageNameTaken(input.dealStageName());
    }
    long weight = Math.min(stages.maxWeight() + 1, MAX_WEIGHT);
    return versioned(save(new DealStage(input, weight), input.dealStageName()));
  }

  @Transactional
  public Versioned<DealStageView> replace(long id, JsonNode body, IfMatch ifMatch) {
    DealStage stage = lockForChange(id, ifMatch);
    return versioned(apply(stage, json.read(body, DealStageInput.class)));
  }

  /** Applies a JSON Merge Patch (RFC 7396) to the stage's writable properties. */
  @Transactional
  public Versioned<DealStageView> patch(long id, JsonNode patch, IfMatch ifMatch) {
    DealStage stage = lockForChange(id, ifMatch);
    DealStageView current = stage.view();
    JsonNode writable =
        mapper.valueToTree(
            new DealStageInput(
                current.dealStageName(),
                current.description(),
                current.defaultProbability(),
                current.weight(),
                current.isEditable()));
    return versioned(apply(stage, json.readPatched(writable, patch, DealStageInput.class)));
  }

  /**
   * Deletes a stage. A stage still in use is only deleted when {@code moveTo} names the stage its
   * opportunities move to, in the same transaction.
   */
  @Transactional
  public void delete(long id, @Nullable Long moveTo, IfMatch ifMatch) {
    DealStage stage = lockForChange(id, ifMatch);
    stage.checkDeletable();
    if (moveTo != null) {
      if (moveTo == id) {
        throw new InvalidRequest("moveTo", "must name another deal stage than the one deleted");
      }
      DealStage target =
          stages
              .findById(moveTo)
              .orElseThrow(
                  () -> new InvalidRequest("moveTo", "deal stage " + moveTo + " does not exist"));
      for (StageUsage usage : usages) {
        usage.moveAll(id, moveTo, new StageRef(target.id(), target.defaultProbability()));
      }
    }
    long used = usages.stream().mapToLong(usage -> usage.countUsing(id)).sum();
    if (used > 0) {
      throw new DealStageInUse(id, used);
    }
    stages.delete(stage);
    try {
      stages.flush();
    } catch (DataIntegrityViolationException e) {
      // an opportunity entered the stage after the count: still in use
      throw new DealStageInUse(id, usages.stream().mapToLong(usage -> usage.countUsing(id)).sum());
    }
  }

  private DealStage lockForChange(long id, IfMatch ifMatch) {
    DealStage stage = stages.findForUpdate(id).orElseThrow(() -> new DealStageNotFound(id));
    ifMatch.check(ETags.of(stage.version()));
    return stage;
  }

  private DealStage apply(DealStage stage, DealStageInput input) {
    if (stage.renamesTo(input.dealStageName())
        && stages.nameTaken(input.dealStageName(), stage.id())) {
      throw new DealStageNameTaken(input.dealStageName());
    }
    stage.replace(input);
    return save(stage, input.dealStageName());
  }

  private DealStage save(DealStage stage, String name) {
    try {
      return stages.saveAndFlush(stage);
    } catch (DataIntegrityViolationException e) {
      // a concurrent request took the name between the check and the write
      throw new DealStageNameTaken(name);
    }
  }

  private static Versioned<DealStageView> versioned(DealStage stage) {
    return new Versioned<>(stage.view(), ETags.of(stage.version()));
  }
}
