package com.leadgencrm.opportunities.dealstage;

import com.leadgencrm.opportunities.core.NotFound;

/** No deal stage has this id. */
public class DealStageNotFound extends NotFound {
  public DealStageNotFound(long id) {
    super("Deal stage", id);
  }
}
