package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.NotFound;

/** No opportunity has this id (that the caller may see). */
class OpportunityNotFound extends NotFound {
  OpportunityNotFound(long id) {
    super("Opportunity", id);
  }
}
