package com.leadgencrm.opportunities.dealstage;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface PipelineRepository extends JpaRepository<Pipeline, Long> {

  @Lock(LockModeType.PESSIMISTIC_WRITE)
  Optional<Pipeline> findForUpdateById(long id);

  /**
   * Locks the row against new references too, for its deletion: FOR UPDATE waits for the
   * transactions inserting stages in it and holds back the next ones, so that what refers to it can
   * be counted. ({@code findForUpdateById}'s lock, FOR NO KEY UPDATE on PostgreSQL, lets them
   * through: a count could miss one, and the deletion then failed on its foreign key.)
   */
  @Query(value = "select id from pipeline where id = :id for update", nativeQuery = true)
  Optional<Long> lockForDeletion(long id);

  @Lock(LockModeType.PESSIMISTIC_WRITE)
  Optional<Pipeline> findForUpdateByIsDefaultTrue();

  @Query(value = "select id from pipeline where is_default", nativeQuery = true)
  Optional<Long> defaultId();

  @Query(
      value =
          "select exists (select 1 from pipeline where lower(name) = lower(:name) and id <> :exceptId)",
      nativeQuery = true)
  boolean nameTaken(String name, long exceptId);

  @Query(value = "select coalesce(max(weight), 0) from pipeline", nativeQuery = true)
  long maxWeight();
}
