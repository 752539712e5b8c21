package com.leadgencrm.opportunities.opportunity;

import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;

/**
 * Opportunities as entities, for writes. The locking reads filter by owner for callers who see only
 * their own: another owner's row is never locked on their behalf, so that they can neither delay
 * its writes nor learn from the wait that it exists.
 */
interface OpportunityRepository extends JpaRepository<Opportunity, Long> {

  @Lock(LockModeType.PESSIMISTIC_WRITE)
  Optional<Opportunity> findForUpdateById(long id);

  @Lock(LockModeType.PESSIMISTIC_WRITE)
  Optional<Opportunity> findForUpdateByIdAndOwnerId(long id, long ownerId);

  /** Locks in id order, so that two batches over the same rows cannot deadlock. */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  List<Opportunity> findForUpdateByIdInOrderByIdAsc(Collection<Long> ids);

  @Lock(LockModeType.PESSIMISTIC_WRITE)
  List<Opportunity> findForUpdateByIdInAndOwnerIdOrderByIdAsc(Collection<Long> ids, long ownerId);

  /** The opportunity, locked, when the caller with this owner scope (null: all) may see it. */
  default Optional<Opportunity> lockVisible(long id, @Nullable Long scope) {
    return scope == null ? findForUpdateById(id) : findForUpdateByIdAndOwnerId(id, scope);
  }

  /** The opportunities among these the caller with this owner scope may see, locked in id order. */
  default List<Opportunity> lockAllVisible(Collection<Long> ids, @Nullable Long scope) {
    return scope == null
        ? findForUpdateByIdInOrderByIdAsc(ids)
        : findForUpdateByIdInAndOwnerIdOrderByIdAsc(ids, scope);
  }
}
