package com.leadgencrm.opportunities.dealstage;

import com.leadgencrm.opportunities.core.Conflict;
import java.util.Map;

/** Opportunities are still in the stage that was to be deleted. */
class DealStageInUse extends Conflict {

  private final long opportunities;

  DealStageInUse(long id, long opportunities) {
    super(
        "Deal stage "
            + id
            + " is used by "
            + opportunities
            + " opportunities; move them first, "
            + "or delete with ?moveTo=<another stage id>");
    this.opportunities = opportunities;
  }

  @Override
  public Map<String, Object> properties() {
    return Map.of("opportunityCount", opportunities);
  }
}
