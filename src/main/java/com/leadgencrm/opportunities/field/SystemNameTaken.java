package com.leadgencrm.opportunities.field;

import com.leadgencrm.opportunities.core.AlreadyExists;
import com.leadgencrm.opportunities.core.Conflict;

/** Another field already has this systemName, in some letter case. */
class SystemNameTaken extends Conflict implements AlreadyExists {
  SystemNameTaken(String systemName) {
    super("A field with systemName '" + systemName + "' already exists (whatever the letter case)");
  }
}
