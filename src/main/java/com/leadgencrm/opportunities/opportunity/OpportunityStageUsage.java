package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.dealstage.StageRef;
import com.leadgencrm.opportunities.dealstage.StageUsage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Opportunities are what deal stages are used by. */
@Component
class OpportunityStageUsage implements StageUsage {

  private final JdbcClient jdbc;

  OpportunityStageUsage(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public long countUsing(long stageId) {
    return jdbc.sql("select count(*) from opportunity where deal_stage_id = :id")
        .param("id", stageId)
        .query(Long.class)
        .single();
  }

  /**
   * Moves every opportunity of a stage: a probability that came from the old stage takes the new
   * stage's default; an explicitly set one stays.
   */
  @Override
  public void moveAll(long fromStageId, long toStageId, StageRef target) {
    jdbc.sql(
            """
            update opportunity
               set deal_stage_id = :to,
                   probability = case when probability_explicit then probability else :probability end,
                   version = version + 1,
                   update_timestamp = date_trunc('microseconds', clock_timestamp())
             where deal_stage_id = :from""")
        .param("to", toStageId)
        .param("from", fromStageId)
        .param("probability", target.defaultProbability(), java.sql.Types.NUMERIC)
        .update();
  }
}
