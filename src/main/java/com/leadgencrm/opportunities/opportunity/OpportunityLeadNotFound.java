package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.NotFound;

/** No such association (that the caller may see). */
class OpportunityLeadNotFound extends NotFound {
  OpportunityLeadNotFound(Object id) {
    super("Opportunity lead", id);
  }
}
