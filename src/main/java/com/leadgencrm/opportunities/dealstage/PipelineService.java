package com.leadgencrm.opportunities.dealstage;

import com.leadgencrm.opportunities.core.ETags;
import com.leadgencrm.opportunities.core.IfMatch;
import com.leadgencrm.opportunities.core.InputRules;
import com.leadgencrm.opportunities.core.Permission;
import com.leadgencrm.opportunities.core.Requires;
import com.leadgencrm.opportunities.core.Submitted;
import com.leadgencrm.opportunities.core.Versioned;
import com.leadgencrm.opportunities.event.EventRecorder;
import com.leadgencrm.opportunities.event.EventType;
import com.leadgencrm.opportunities.query.ListQuery;
import com.leadgencrm.opportunities.query.ListStatements;
import com.leadgencrm.opportunities.query.Page;
import com.leadgencrm.opportunities.query.PageSpec;
import com.leadgencrm.opportunities.query.SortKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The pipelines: queries and the rules of change. There is always one, and one default; a pipeline
 * with stages cannot be deleted.
 */
@Service
@Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
public class PipelineService {

  private static final long MAX_WEIGHT = 999_999_999_999_999_999L;

  static final List<SortKey> SORT_KEYS =
      List.of(
          new SortKey("weight", "weight", SortKey.Type.LONG),
          SortKey.id(),
          new SortKey("name", "name", SortKey.Type.TEXT),
          new SortKey("createTimestamp", "create_timestamp", SortKey.Type.INSTANT),
          new SortKey("updateTimestamp", "update_timestamp", SortKey.Type.INSTANT));

  private static final String COLUMNS =
      "id, name, is_default, weight, create_timestamp, update_timestamp";

  private final PipelineRepository pipelines;
  private final JdbcClient jdbc;
  private final ListStatements lists;
  private final InputRules rules;
  private final EventRecorder events;

  PipelineService(
      PipelineRepository pipelines,
      JdbcClient jdbc,
      ListStatements lists,
      InputRules rules,
      EventRecorder events) {
    this.pipelines = pipelines;
    this.jdbc = jdbc;
    this.lists = lists;
    this.rules = rules;
    this.events = events;
  }

  @Requires(Permission.READ)
  public Page<PipelineView> list(PipelineListParams params, PageSpec page) {
    return new ListQuery()
        .anyOf("id", params.id())
        .equal("is_default", params.isDefault())
        .contains("name", params.q())
        .atLeast("create_timestamp", params.createTimestampFrom())
        .atMost("create_timestamp", params.createTimestampTo())
        .atLeast("update_timestamp", params.updateTimestampFrom())
        .atMost("update_timestamp", params.updateTimestampTo())
        .page(lists, COLUMNS, "pipeline", page, (rs, n) -> view(rs));
  }

  private static PipelineView view(ResultSet rs) throws SQLException {
    return new PipelineView(
        rs.getLong("id"),
        rs.getString("name"),
        rs.getBoolean("is_default"),
        rs.getLong("weight"),
        rs.getObject("create_timestamp", OffsetDateTime.class).toInstant(),
        rs.getObject("update_timestamp", OffsetDateTime.class).toInstant());
  }

  @Requires(Permission.READ)
  public Versioned<PipelineView> get(long id) {
    return versioned(pipelines.findById(id).orElseThrow(() -> new PipelineNotFound(id)));
  }

  @Transactional
  @Requires(Permission.WRITE_DEAL_STAGES)
  public Versioned<PipelineView> create(Submitted<PipelineInput> submitted) {
    PipelineInput input = rules.valid(submitted);
    if (pipelines.nameTaken(input.name(), 0)) {
      throw new PipelineNameTaken(input.name());
    }
    if (Boolean.TRUE.equals(input.isDefault())) {
      takeDefault(null);
    }
    long weight = Math.min(pipelines.maxWeight() + 1, MAX_WEIGHT);
    Pipeline created = save(new Pipeline(input, weight), input.name());
    events.record(EventType.PIPELINE_CREATED, created.id(), null, created.view());
    return versioned(created);
  }

  @Transactional
  @Requires(Permission.WRITE_DEAL_STAGES)
  public Versioned<PipelineView> replace(
      long id, Submitted<PipelineInput> submitted, IfMatch ifMatch) {
    Pipeline pipeline = lockForChange(id, ifMatch);
    return apply(pipeline, rules.valid(submitted));
  }

  /** Applies a JSON Merge Patch (RFC 7396) to the pipeline's writable properties. */
  @Transactional
  @Requires(Permission.WRITE_DEAL_STAGES)
  public Versioned<PipelineView> patch(long id, Submitted<PipelineInput> patch, IfMatch ifMatch) {
    Pipeline pipeline = lockForChange(id, ifMatch);
    return apply(pipeline, rules.validPatch(patch, pipeline.input()));
  }

  /** Deletes a pipeline: neither the default, nor the last, nor one that still has stages. */
  @Transactional
  @Requires(Permission.WRITE_DEAL_STAGES)
  public void delete(long id, IfMatch ifMatch) {
    Pipeline pipeline = lockForChange(id, ifMatch);
    // stages created in the pipeline meanwhile are counted, or wait and then find it gone
    pipelines.lockForDeletion(id);
    if (pipeline.isDefault()) {
      throw new PipelineConflict(
          "Pipeline " + id + " is the default: make another pipeline the default first");
    }
    if (pipelines.count() <= 1) {
      throw new PipelineConflict("Pipeline " + id + " is the last one");
    }
    long stages = stagesOf(id);
    if (stages > 0) {
      throw new PipelineConflict(
          "Pipeline " + id + " has " + stages + " deal stages: delete or move them first");
    }
    PipelineView before = pipeline.view();
    pipelines.delete(pipeline);
    events.record(EventType.PIPELINE_DELETED, id, before, null);
  }

  /** The default pipeline's id: the pipeline of stages created without one. */
  long defaultId() {
    return pipelines.defaultId().orElseThrow(() -> new IllegalStateException("no default"));
  }

  /** Whether a pipeline exists (for stages that name one), locking it against deletion. */
  boolean exists(long id) {
    return jdbc.sql("select 1 from pipeline where id = :id for key share")
        .param("id", id)
        .query(Integer.class)
        .optional()
        .isPresent();
  }

  private long stagesOf(long id) {
    return jdbc.sql("select count(*) from deal_stage where pipeline_id = :id")
        .param("id", id)
        .query(Long.class)
        .single();
  }

  private Pipeline lockForChange(long id, IfMatch ifMatch) {
    Pipeline pipeline = pipelines.findForUpdateById(id).orElseThrow(() -> new PipelineNotFound(id));
    ifMatch.check(ETags.of(pipeline.version()));
    return pipeline;
  }

  private Versioned<PipelineView> apply(Pipeline pipeline, PipelineInput input) {
    if (pipeline.renamesTo(input.name()) && pipelines.nameTaken(input.name(), pipeline.id())) {
      throw new PipelineNameTaken(input.name());
    }
    PipelineView before = pipeline.view();
    if (Boolean.TRUE.equals(input.isDefault()) && !pipeline.isDefault()) {
      takeDefault(pipeline.id());
    }
    pipeline.replace(input);
    Pipeline saved = save(pipeline, input.name());
    events.record(EventType.PIPELINE_UPDATED, saved.id(), before, saved.view());
    return versioned(saved);
  }

  /** The current default pipeline gives the role up (to {@code newDefault}, or to a new one). */
  private void takeDefault(@Nullable Long newDefault) {
    pipelines
        .findForUpdateByIsDefaultTrue()
        .filter(current -> newDefault == null || current.id() != newDefault)
        .ifPresent(
            current -> {
              PipelineView before = current.view();
              current.undefault();
              pipelines.saveAndFlush(current);
              events.record(EventType.PIPELINE_UPDATED, current.id(), before, current.view());
            });
  }

  private Pipeline save(Pipeline pipeline, String name) {
    try {
      return pipelines.saveAndFlush(pipeline);
    } catch (DataIntegrityViolationException e) {
      // a concurrent request took the name (or the default) between the check and the write
      throw new PipelineNameTaken(name);
    }
  }

  private static Versioned<PipelineView> versioned(Pipeline pipeline) {
    return new Versioned<>(pipeline.view(), ETags.of(pipeline.version()));
  }
}
