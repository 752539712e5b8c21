package com.leadgencrm.opportunities.dealstage;

import com.leadgencrm.opportunities.event.Change;
import java.util.List;
import java.util.function.Supplier;

/**
 * How deal stages are used elsewhere. Implemented by the feature that uses stages, so that this
 * package does not depend on it.
 */
public interface StageUsage {

  /** How many things are in the stage. */
  long countUsing(long stageId);

  /**
   * Moves everything in one stage to another, in the caller's transaction.
   *
   * @return the events of what moved, for the stage deletion to record with its own
   */
  List<Change> moveAll(long fromStageId, long toStageId, StageRef target);

  /**
   * Locks everything in a stage that is about to move to another pipeline, which takes it along
   * (V70, V82: a database trigger, as the stage's change is saved), and reads it as it is.
   *
   * @return what answers the events of that move, asked once the stage's change is saved
   */
  Supplier<List<Change>> followPipeline(long stageId);
}
