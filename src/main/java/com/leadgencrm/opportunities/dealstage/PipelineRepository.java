package com.leadgencrm.opportunities.dealstage;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface PipelineRepository extends JpaRepository<Pipeline, Long> {

  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select p from Pipeline p where p.id = :id")
  Optional<Pipeline> findForUpdate(long id);

  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select p from Pipeline p where p.isDefault = true")
  Optional<Pipeline> findDefaultForUpdate();

  @Query("select p.id from Pipeline p where p.isDefault = true")
  Optional<Long> defaultId();

  @Query(
      "select count(p) > 0 from Pipeline p where lower(p.name) = lower(:name) and p.id <> :exceptId")
  boolean nameTaken(String name, long exceptId);

  @Query("select coalesce(max(p.weight), 0) from Pipeline p")
  long maxWeight();
}
