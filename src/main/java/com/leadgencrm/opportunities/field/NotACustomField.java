package com.leadgencrm.opportunities.field;

import com.leadgencrm.opportunities.core.Conflict;

/** Only custom fields can be deleted: this one is a standard field of the schema. */
public class NotACustomField extends Conflict {

  NotACustomField(String systemName) {
    super("Only custom fields can be deleted: '" + systemName + "' is a standard field");
  }
}
