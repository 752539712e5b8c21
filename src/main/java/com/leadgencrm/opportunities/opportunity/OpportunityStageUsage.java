package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.dealstage.StageRef;
import com.leadgencrm.opportunities.dealstage.StageUsage;
import com.leadgencrm.opportunities.event.Change;
import com.leadgencrm.opportunities.event.EventType;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Opportunities are what deal stages are used by. */
@Component
class OpportunityStageUsage implements StageUsage {

  private final JdbcClient jdbc;
  private final OpportunityEvents events;

  OpportunityStageUsage(JdbcClient jdbc, OpportunityEvents events) {
    this.jdbc = jdbc;
    this.events = events;
  }

  @Override
  public long countUsing(long stageId) {
    return jdbc.sql("select count(*) from opportunity where deal_stage_id = :id")
        .param("id", stageId)
        .query(Long.class)
        .single();
  }

  /**
   * The opportunities of a stage moving to another pipeline: they move along with a new version and
   * update time (V82), so each is an update whose only change is its pipelineID.
   */
  @Override
  public Supplier<List<Change>> followPipeline(long stageId) {
    List<Long> ids = lockedIn(stageId);
    Map<Long, OpportunityView> before = events.views(ids);
    return () ->
        OpportunityEvents.opportunities(
            EventType.OPPORTUNITY_UPDATED, ids, before, events.views(ids));
  }

  /** The opportunities of a stage, in id order, locked against changes. */
  private List<Long> lockedIn(long stageId) {
    return jdbc.sql(
            "select id from opportunity where deal_stage_id = :stage order by id for update")
        .param("stage", stageId)
        .query(Long.class)
        .list();
  }

  /**
   * Moves every opportunity of a stage: a probability that came from the old stage takes the new
   * stage's default; an explicitly set one stays. Each moved opportunity is an update (its stage
   * entered now).
   */
  @Override
  public List<Change> moveAll(long fromStageId, long toStageId, StageRef target) {
    List<Long> ids = lockedIn(fromStageId);
    if (ids.isEmpty()) {
      return List.of();
    }
    Map<Long, OpportunityView> before = events.views(ids);
    // one clock reading: the stage is entered when the change is made. Only the opportunities
    // read above move; none enters meanwhile (the deletion holds the stage's row FOR UPDATE)
    jdbc.sql(
            """
            update opportunity
               set deal_stage_id = :to,
                   probability = case when probability_explicit then probability else :probability end,
                   version = version + 1,
                   update_timestamp = clock.at,
                   stage_change_timestamp = clock.at
              from (select date_trunc('microseconds', clock_timestamp()) as at) clock
             where id = any(cast(:ids as bigint[]))""")
        .param("to", toStageId)
        .param("ids", ids.toArray(Long[]::new))
        .param("probability", target.defaultProbability(), java.sql.Types.NUMERIC)
        .update();
    return OpportunityEvents.opportunities(
        EventType.OPPORTUNITY_UPDATED, ids, before, events.views(ids));
  }
}
