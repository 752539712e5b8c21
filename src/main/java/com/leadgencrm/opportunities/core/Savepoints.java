package com.leadgencrm.opportunities.core;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a unit of work that may fail on its own without failing the rest: in a savepoint of the
 * current transaction, or in a transaction of its own when there is none. (Spring's nested
 * transactions need savepoint support from the JPA dialect, which Hibernate's does not offer; JDBC
 * and JPA share the transaction's connection, so a SQL savepoint covers both.)
 */
@Component
public class Savepoints {

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final AtomicLong names = new AtomicLong();

  @PersistenceContext private EntityManager entities;

  Savepoints(JdbcClient jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactions);
  }

  public <T> T run(Supplier<T> work) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      return transaction.execute(status -> work.get());
    }
    String name = "unit_" + names.incrementAndGet();
    entities.flush();
    jdbc.sql("savepoint " + name).update();
    try {
      T result = work.get();
      entities.flush();
      jdbc.sql("release savepoint " + name).update();
      return result;
    } catch (RuntimeException e) {
      jdbc.sql("rollback to savepoint " + name).update();
      // the persistence context still holds what was rolled back; what came before is flushed
      entities.clear();
      throw e;
    }
  }
}
