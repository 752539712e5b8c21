package com.leadgencrm.opportunities.dealstage;

import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface DealStageRepository extends JpaRepository<DealStage, Long> {

  @Lock(LockModeType.PESSIMISTIC_WRITE)
  Optional<DealStage> findForUpdateById(long id);

  /**
   * Locks the rows against new references too, for a deletion or a move to another pipeline: FOR
   * UPDATE waits for the transactions inserting rows that refer to them and holds back the next
   * ones, so that what refers to a stage can be counted, or moved along. ({@code
   * findForUpdateById}'s lock, FOR NO KEY UPDATE on PostgreSQL, lets them through: a count could
   * miss one, and the deletion then failed on its foreign key.) In id order, so that two deletions
   * that each move opportunities to the other's stage wait for one another instead of deadlocking;
   * a row deleted meanwhile is not returned.
   */
  @Query(
      value = "select id from deal_stage where id in (:ids) order by id for update",
      nativeQuery = true)
  List<Long> lockAgainstNewReferences(Collection<Long> ids);

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
