package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.limits.Bulkhead;
import com.leadgencrm.opportunities.query.PageBytes;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Turns of the large-reads bulkhead, for reads that go on window after window (wire reads, the CSV
 * export) while their client reads: a window of large custom values (up to {@link PageBytes#LIMIT},
 * and the answer's buffer) stays in memory until its client has taken it, however slowly. Sixty
 * stalled wire reads of such rows ran a 256 MiB heap out; with a turn per window, at most {@code
 * CRM_LARGE_READS} windows are held at once, and the next ones wait their turn (or are answered
 * 503), as heavy reads do.
 */
@Component
class LargeReadTurns {

  private final OpportunityFields fields;
  private final Bulkhead bulkhead;

  LargeReadTurns(OpportunityFields fields, @Qualifier("largeReads") Bulkhead bulkhead) {
    this.fields = fields;
    this.bulkhead = bulkhead;
  }

  /**
   * A turn for a window of {@code rows} opportunities, to close once its rows are handed on: of the
   * bulkhead when the custom fields defined could make them pass {@link PageBytes#LIMIT}, else one
   * that holds nothing.
   */
  Bulkhead.Permit turn(int rows) {
    return fields.definitions().mayPassPageBytes(rows) ? bulkhead.enter() : Bulkhead.Permit.NONE;
  }
}
