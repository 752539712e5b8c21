package com.leadgencrm.opportunities.dealstage;

/**
 * How deal stages are used elsewhere. Implemented by the feature that uses stages, so that this
 * package does not depend on it.
 */
public interface StageUsage {

  /** How many things are in the stage. */
  long countUsing(long stageId);

  /** Moves everything in one stage to another, in the caller's transaction. */
  void moveAll(long fromStageId, long toStageId, StageRef target);
}
