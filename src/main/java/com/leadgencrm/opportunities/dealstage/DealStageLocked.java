package com.leadgencrm.opportunities.dealstage;

import com.leadgencrm.opportunities.core.Conflict;

/** The stage has isEditable=false. */
class DealStageLocked extends Conflict {
  DealStageLocked(long id) {
    super(
        "Deal stage "
            + id
            + " is not editable: it can only be made editable again (isEditable=true)");
  }
}
