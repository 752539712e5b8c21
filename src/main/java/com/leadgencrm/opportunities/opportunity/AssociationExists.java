package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.AlreadyExists;
import com.leadgencrm.opportunities.core.Conflict;
import java.util.Map;

/** The lead is already associated with the opportunity. */
class AssociationExists extends Conflict implements AlreadyExists {

  private final long existingId;

  AssociationExists(long opportunityId, long leadId, long existingId) {
    super(
        "Lead "
            + leadId
            + " is already associated with opportunity "
            + opportunityId
            + " (opportunity lead "
            + existingId
            + ")");
    this.existingId = existingId;
  }

  @Override
  public Map<String, Object> properties() {
    return Map.of("existingId", existingId);
  }
}
