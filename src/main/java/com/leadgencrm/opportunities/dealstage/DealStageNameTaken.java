package com.leadgencrm.opportunities.dealstage;

import com.leadgencrm.opportunities.core.AlreadyExists;
import com.leadgencrm.opportunities.core.Conflict;

/** Another stage already has this name, in some letter case. */
class DealStageNameTaken extends Conflict implements AlreadyExists {
  DealStageNameTaken(String name) {
    super(
        "A deal stage named '"
            + name
            + "' already exists (names are unique whatever their letter case)");
  }
}
