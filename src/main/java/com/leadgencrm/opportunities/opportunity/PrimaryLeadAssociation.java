package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.Conflict;

/** The association of an opportunity with its primary lead cannot go while the lead is primary. */
class PrimaryLeadAssociation extends Conflict {
  PrimaryLeadAssociation(long opportunityId, long leadId) {
    super(
        "Lead "
            + leadId
            + " is the primary lead of opportunity "
            + opportunityId
            + ": change the opportunity's primaryLeadID before removing the association");
  }
}
