package com.leadgencrm.opportunities.dealstage;

import com.leadgencrm.opportunities.core.NotFound;

/** No pipeline has this id. */
class PipelineNotFound extends NotFound {
  PipelineNotFound(long id) {
    super("Pipeline", id);
  }
}
