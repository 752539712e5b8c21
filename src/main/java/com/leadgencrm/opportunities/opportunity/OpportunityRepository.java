package com.leadgencrm.opportunities.opportunity;

import org.springframework.data.jpa.repository.JpaRepository;

/** Opportunities as entities, for writes; their locking reads are {@link OpportunityLocks}. */
interface OpportunityRepository extends JpaRepository<Opportunity, Long>, OpportunityLocks {}
