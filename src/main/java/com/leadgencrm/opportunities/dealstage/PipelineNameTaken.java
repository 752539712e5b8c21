package com.leadgencrm.opportunities.dealstage;

import com.leadgencrm.opportunities.core.AlreadyExists;
import com.leadgencrm.opportunities.core.Conflict;

/** Another pipeline already has this name, in some letter case. */
class PipelineNameTaken extends Conflict implements AlreadyExists {
  PipelineNameTaken(String name) {
    super(
        "A pipeline named '"
            + name
            + "' already exists (names are unique whatever their letter case)");
  }
}
