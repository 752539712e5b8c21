package com.leadgencrm.opportunities.dealstage;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface DealStageRepository extends JpaRepository<DealStage, Long> {

  @Lock(LockModeType.PESSIMISTIC_WRITE)
  Optional<DealStage> findForUpdateById(long id);

  /** Whether another stage of the pipeline has the name, in some letter case. */
  @Query(
      value =
          "select exists (select 1 from deal_stage where pipeline_id = :pipelineId"
              + " and lower(deal_stage_name) = lower(:name) and id <> :exceptId)",
      nativeQuery = true)
  boolean nameTaken(String name, long pipelineId, long exceptId);

  @Query(value = "select coalesce(max(weight), 0) from deal_stage", nativeQuery = true)
  long maxWeight();
}
