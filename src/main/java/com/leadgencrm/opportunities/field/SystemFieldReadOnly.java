package com.leadgencrm.opportunities.field;

import com.leadgencrm.opportunities.core.Conflict;

/** Standard fields are part of the schema: they can be read, not changed or deleted. */
class SystemFieldReadOnly extends Conflict {
  SystemFieldReadOnly(String systemName) {
    super("'" + systemName + "' is a system field: it cannot be changed or deleted");
  }
}
