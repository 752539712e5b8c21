package com.leadgencrm.opportunities.field;

import com.leadgencrm.opportunities.core.NotFound;

/** No field has this id. */
class FieldNotFound extends NotFound {
  FieldNotFound(long id) {
    super("Field", id);
  }
}
