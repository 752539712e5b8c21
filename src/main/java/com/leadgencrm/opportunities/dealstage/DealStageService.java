package com.leadgencrm.opportunities.dealstage;

import com.leadgencrm.opportunities.core.ETags;
import com.leadgencrm.opportunities.core.IfMatch;
import com.leadgencrm.opportunities.core.InputRules;
import com.leadgencrm.opportunities.core.InvalidField;
import com.leadgencrm.opportunities.core.InvalidInput;
import com.leadgencrm.opportunities.core.Numbers;
import com.leadgencrm.opportunities.core.Permission;
import com.leadgencrm.opportunities.core.Requires;
import com.leadgencrm.opportunities.core.Submitted;
import com.leadgencrm.opportunities.core.Versioned;
import com.leadgencrm.opportunities.event.Change;
import com.leadgencrm.opportunities.event.EventRecorder;
import com.leadgencrm.opportunities.event.EventType;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

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
      id, deal_stage_name, description, default_probability, weight, pipeline_id, is_editable,
      version, create_timestamp, update_timestamp""";

  private final DealStageRepository stages;
  private final JdbcClient jdbc;
  private final ListStatements lists;
  private final InputRules rules;
  private final List<StageUsage> usages;
  private final EventRecorder recorder;
  private final PipelineService pipelines;

  DealStageService(
      DealStageRepository stages,
      JdbcClient jdbc,
      ListStatements lists,
      InputRules rules,
      List<StageUsage> usages,
      EventRecorder recorder,
      PipelineService pipelines) {
    this.pipelines = pipelines;
    this.stages = stages;
    this.jdbc = jdbc;
    this.lists = lists;
    this.rules = rules;
    this.usages = usages;
    this.recorder = recorder;
  }

  @Requires(Permission.READ)
  public Page<DealStageView> list(DealStageListParams params, PageSpec page) {
    return new ListQuery()
        .anyOf("id", params.id())
        .anyOf("pipeline_id", params.pipelineID())
        .equal("is_editable", params.isEditable())
        .contains("deal_stage_name", params.q())
        .atLeast("create_timestamp", params.createTimestampFrom())
        .atMost("create_timestamp", params.createTimestampTo())
        .atLeast("update_timestamp", params.updateTimestampFrom())
        .atMost("update_timestamp", params.updateTimestampTo())
        .page(lists, COLUMNS, "deal_stage", page, (rs, n) -> view(rs));
  }

  private static DealStageView view(ResultSet rs) throws SQLException {
    return new DealStageView(
        rs.getLong("id"),
        rs.getString("deal_stage_name"),
        rs.getString("description"),
        Numbers.plain(rs.getBigDecimal("default_probability")),
        rs.getLong("weight"),
        rs.getLong("pipeline_id"),
        rs.getBoolean("is_editable"),
        rs.getObject("create_timestamp", OffsetDateTime.class).toInstant(),
        rs.getObject("update_timestamp", OffsetDateTime.class).toInstant());
  }

  @Requires(Permission.READ)
  public Versioned<DealStageView> get(long id) {
    return versioned(stages.findById(id).orElseThrow(() -> new DealStageNotFound(id)));
  }

  static final Map<String, Column> WHERE_COLUMNS =
      Column.columns(
          "id:id:LONG",
          "dealStageName:deal_stage_name:TEXT",
          "description:description:TEXT",
          "defaultProbability:default_probability:DECIMAL",
          "weight:weight:LONG",
          "isEditable:is_editable:BOOLEAN",
          "createTimestamp:create_timestamp:INSTANT",
          "updateTimestamp:update_timestamp:INSTANT");

  /** Stages whose properties equal the given values, in id order: the wire protocol's where. */
  @Requires(Permission.READ)
  public List<DealStageView> where(Map<String, String> equalities, int limit, int offset) {
    return new ListQuery()
        .equalities(equalities, WHERE_COLUMNS)
        .rows(lists, COLUMNS, "deal_stage", limit, offset, (rs, n) -> view(rs));
  }

  /** Stages created (or changed) within [from, to], in id order. */
  @Requires(Permission.READ)
  public List<DealStageView> between(
      boolean created, Instant from, Instant to, int limit, int offset) {
    return new ListQuery()
        .changedWithin(created, from, to)
        .rows(lists, COLUMNS, "deal_stage", limit, offset, (rs, n) -> view(rs));
  }

  /**
   * The stage with this id, for features that refer to stages. Read as its two columns, not as an
   * entity: every single create and PATCH asks, and an entity would cost its hydration here and a
   * dirty check at every flush of the writing transaction (a tenth of a create's CPU, BENCHMARKS.md
   * ninth round).
   */
  @Requires(Permission.READ)
  public Optional<StageRef> find(long id) {
    return jdbc.sql("select id, default_probability from deal_stage where id = :id")
        .param("id", id)
        .query((rs, n) -> ref(rs))
        .optional();
  }

  private static StageRef ref(ResultSet rs) throws SQLException {
    return new StageRef(rs.getLong("id"), rs.getBigDecimal("default_probability"));
  }

  @Transactional
  @Requires(Permission.WRITE_DEAL_STAGES)
  public Versioned<DealStageView> create(Submitted<DealStageInput> submitted) {
    DealStageInput input = rules.valid(submitted, pipelineErrors(submitted.record()));
    long pipeline = input.pipelineID() != null ? input.pipelineID() : pipelines.defaultId();
    if (stages.nameTaken(input.dealStageName(), pipeline, 0)) {
      throw new DealStageNameTaken(input.dealStageName());
    }
    long weight = Math.min(stages.maxWeight() + 1, MAX_WEIGHT);
    DealStage created = save(new DealStage(input, weight, pipeline), input.dealStageName());
    recorder.record(EventType.DEAL_STAGE_CREATED, created.id(), null, created.view());
    return versioned(created);
  }

  @Transactional
  @Requires(Permission.WRITE_DEAL_STAGES)
  public Versioned<DealStageView> replace(
      long id, Submitted<DealStageInput> submitted, IfMatch ifMatch) {
    DealStage stage = lockForChange(id, ifMatch);
    return versioned(apply(stage, rules.valid(submitted, pipelineErrors(submitted.record()))));
  }

  /** Applies a JSON Merge Patch (RFC 7396) to the stage's writable properties. */
  @Transactional
  @Requires(Permission.WRITE_DEAL_STAGES)
  public Versioned<DealStageView> patch(long id, Submitted<DealStageInput> patch, IfMatch ifMatch) {
    DealStage stage = lockForChange(id, ifMatch);
    return versioned(
        apply(
            stage,
            rules.validPatch(patch, stage.input(), pipelineErrors(patch.onto(stage.input())))));
  }

  /**
   * Deletes a stage. A stage still in use is only deleted when {@code moveTo} names the stage its
   * opportunities move to, in the same transaction.
   */
  @Transactional
  @Requires(Permission.WRITE_DEAL_STAGES)
  public void delete(long id, @Nullable Long moveTo, IfMatch ifMatch) {
    // opportunities entering the stage meanwhile are moved or counted, or wait and find it gone;
    // the stage they move to is locked with it, first, in id order (crossed deletions deadlocked)
    stages.lockAgainstNewReferences(moveTo == null ? List.of(id) : List.of(id, moveTo));
    DealStage stage = lockForChange(id, ifMatch);
    stage.checkDeletable();
    DealStageView last = stage.view();
    List<Change> changes = new ArrayList<>();
    if (moveTo != null) {
      if (moveTo == id) {
        throw new InvalidInput("moveTo", "must name another deal stage than the one deleted");
      }
      DealStage target =
          stages
              .findById(moveTo)
              .orElseThrow(
                  () -> new InvalidInput("moveTo", "deal stage " + moveTo + " does not exist"));
      for (StageUsage usage : usages) {
        changes.addAll(
            usage.moveAll(id, moveTo, new StageRef(target.id(), target.defaultProbability())));
      }
    }
    long used = usages.stream().mapToLong(usage -> usage.countUsing(id)).sum();
    if (used > 0) {
      throw new DealStageInUse(id, used);
    }
    stages.delete(stage);
    changes.add(Change.of(EventType.DEAL_STAGE_DELETED, id, last, null));
    recorder.recordAll(changes);
  }

  private DealStage lockForChange(long id, IfMatch ifMatch) {
    DealStage stage = stages.findForUpdateById(id).orElseThrow(() -> new DealStageNotFound(id));
    ifMatch.check(ETags.of(stage.version()));
    return stage;
  }

  private DealStage apply(DealStage stage, DealStageInput input) {
    long pipeline = input.pipelineID() != null ? input.pipelineID() : stage.pipelineId();
    if ((stage.renamesTo(input.dealStageName()) || pipeline != stage.pipelineId())
        && stages.nameTaken(input.dealStageName(), pipeline, stage.id())) {
      throw new DealStageNameTaken(input.dealStageName());
    }
    List<Supplier<List<Change>>> followers = new ArrayList<>();
    if (pipeline != stage.pipelineId()) {
      // what enters the stage meanwhile waits, and then enters it in its new pipeline
      stages.lockAgainstNewReferences(List.of(stage.id()));
      usages.forEach(usage -> followers.add(usage.followPipeline(stage.id())));
    }
    DealStageView before = stage.view();
    stage.replace(input);
    DealStage saved = save(stage, input.dealStageName());
    List<Change> changes = new ArrayList<>();
    changes.add(Change.of(EventType.DEAL_STAGE_UPDATED, saved.id(), before, saved.view()));
    followers.forEach(moved -> changes.addAll(moved.get()));
    recorder.recordAll(changes);
    return saved;
  }

  /** A pipelineID that names no pipeline (the pipeline is locked against deletion otherwise). */
  private List<InvalidField> pipelineErrors(DealStageInput input) {
    Long pipeline = input.pipelineID();
    if (pipeline == null || pipeline < 1 || pipelines.exists(pipeline)) {
      return List.of();
    }
    return List.of(new InvalidField("pipelineID", "pipeline " + pipeline + " does not exist"));
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
