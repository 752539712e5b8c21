package com.leadgencrm.opportunities.opportunity;

import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

/**
 * Opportunities as entities, for writes. The locking reads filter by owner for callers who see only
 * their own: another owner's row is never locked on their behalf, so that they can neither delay
 * its writes nor learn from the wait that it exists.
 */
interface OpportunityRepository extends JpaRepository<Opportunity, Long> {

  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select o from Opportunity o where o.id = :id")
  Optional<Opportunity> findForUpdate(long id);

  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select o from Opportunity o where o.id = :id and o.ownerId = :owner")
  Optional<Opportunity> findOwnedForUpdate(long id, long owner);

  /** Locks in id order, so that two batches over the same rows cannot deadlock. */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select o from Opportunity o where o.id in :ids order by o.id")
  List<Opportunity> findAllForUpdate(Collection<Long> ids);

  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select o from Opportunity o where o.id in :ids and o.ownerId = :owner order by o.id")
  List<Opportunity> findAllOwnedForUpdate(Collection<Long> ids, long owner);

  /** The opportunity, locked, when the caller with this owner scope (null: all) may see it. */
  default Optional<Opportunity> lockVisible(long id, @Nullable Long scope) {
    return scope == null ? findForUpdate(id) : findOwnedForUpdate(id, scope);
  }

  /** The opportunities among these the caller with this owner scope may see, locked in id order. */
  default List<Opportunity> lockAllVisible(Collection<Long> ids, @Nullable Long scope) {
    return scope == null ? findAllForUpdate(ids) : findAllOwnedForUpdate(ids, scope);
  }
}
