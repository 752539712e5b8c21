package com.leadgencrm.opportunities.dealstage;

import com.leadgencrm.opportunities.core.Conflict;

/** A change of pipelines that would leave none, no default, or stages without their pipeline. */
class PipelineConflict extends Conflict {
  PipelineConflict(String message) {
    super(message);
  }
}
