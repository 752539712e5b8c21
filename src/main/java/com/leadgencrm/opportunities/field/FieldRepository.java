package com.leadgencrm.opportunities.field;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface FieldRepository extends JpaRepository<Field, Long> {

  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select f from Field f where f.id = :id")
  Optional<Field> findForUpdate(long id);

  @Query("select count(f) > 0 from Field f where lower(f.systemName) = lower(:systemName)")
  boolean systemNameTaken(String systemName);
}
