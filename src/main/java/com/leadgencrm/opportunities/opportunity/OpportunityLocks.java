package com.leadgencrm.opportunities.opportunity;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The locking reads of opportunities (a fragment of {@link OpportunityRepository}). They filter by
 * owner for callers who see only their own: another owner's row is never locked on their behalf, so
 * that they can neither delay its writes nor learn from the wait that it exists.
 */
interface OpportunityLocks {

  /** The opportunity, locked, when the caller with this owner scope (null: all) may see it. */
  Optional<Opportunity> lockVisible(long id, @Nullable Long scope);

  /**
   * The opportunities among these the caller with this owner scope may see, locked in id order, so
   * that two batches over the same rows cannot deadlock.
   */
  List<Opportunity> lockAllVisible(Collection<Long> ids, @Nullable Long scope);
}
