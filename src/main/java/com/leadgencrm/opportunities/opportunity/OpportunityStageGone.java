package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.Conflict;
import java.util.Map;

/** A deleted opportunity cannot come back into a stage that no longer exists. */
class OpportunityStageGone extends Conflict {

  private final long stage;

  OpportunityStageGone(long id, long stage) {
    super(
        "The deal stage "
            + stage
            + " of opportunity "
            + id
            + " no longer exists: restore it with ?moveTo=<a deal stage id>");
    this.stage = stage;
  }

  @Override
  public Map<String, Object> properties() {
    return Map.of("dealStageID", stage);
  }
}
