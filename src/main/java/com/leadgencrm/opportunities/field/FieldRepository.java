package com.leadgencrm.opportunities.field;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface FieldRepository extends JpaRepository<Field, Long> {

  @Lock(LockModeType.PESSIMISTIC_WRITE)
  Optional<Field> findForUpdateById(long id);

  @Query(
      value = "select exists (select 1 from field where lower(system_name) = lower(:systemName))",
      nativeQuery = true)
  boolean systemNameTaken(String systemName);
}
