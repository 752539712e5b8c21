package com.leadgencrm.opportunities.dealstage;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface DealStageRepository extends JpaRepository<DealStage, Long> {

  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select s from DealStage s where s.id = :id")
  Optional<DealStage> findForUpdate(long id);

  /** Whether another stage of the pipeline has the name, in some letter case. */
  @Query(
      "select count(s) > 0 from DealStage s where s.pipelineId = :pipelineId"
          + " and lower(s.dealStageName) = lower(:name) and s.id <> :exceptId")
  boolean nameTaken(String name, long pipelineId, long exceptId);

  @Query("select coalesce(max(s.weight), 0) from DealStage s")
  long maxWeight();
}
