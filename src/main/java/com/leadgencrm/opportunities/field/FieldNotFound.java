package com.leadgencrm.opportunities.field;

import com.leadgencrm.opportunities.core.NotFound;

/** No field has this id (or systemName). */
class FieldNotFound extends NotFound {
  FieldNotFound(Object key) {
    super("Field", key);
  }
}
