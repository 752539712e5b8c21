/**
 * Events: every committed change, recorded in the transaction of the change ({@link
 * com.leadgencrm.opportunities.event.EventRecorder}), numbered in commit order as each transaction
 * commits, and served as a gap-free feed ({@code GET /events}) and as the history of each
 * opportunity.
 */
@NullMarked
package com.leadgencrm.opportunities.event;

import org.jspecify.annotations.NullMarked;
