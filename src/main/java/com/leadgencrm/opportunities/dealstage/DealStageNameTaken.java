package com.leadgencrm.opportunities.dealstage;

import com.leadgencrm.opportunities.web.AlreadyExists;
import com.leadgencrm.opportunities.web.Conflict;

/** Another stage already has this name, in some letter case. */
class DealStageNameTaken extends Conflict implements AlreadyExists {
  DealStageNameTaken(String name) {
    super(
        "A deal stage named '"
            + name
            + "' already exists (names are unique whatever their letter case)");
  }
}
