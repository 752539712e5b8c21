package com.leadgencrm.opportunities.opportunity;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface OpportunityRepository extends JpaRepository<Opportunity, Long> {

  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select o from Opportunity o where o.id = :id")
  Optional<Opportunity> findForUpdate(long id);

  /** Locks in id order, so that two batches over the same rows cannot deadlock. */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select o from Opportunity o where o.id in :ids order by o.id")
  java.util.List<Opportunity> findAllForUpdate(java.util.Collection<Long> ids);
}
