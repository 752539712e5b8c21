package com.leadgencrm.opportunities.core;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
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

  /** The work of one item of a batch. */
  @FunctionalInterface
  public interface ItemWork<T> {
    ItemOutcome.Applied apply(int index, T item);
  }

  /**
   * Items one by one, each in a savepoint (or transaction) of its own: a refused item is rolled
   * back alone and the others stay done. A failure that is not a refusal ends the loop.
   */
  public <T> List<ItemOutcome> each(List<T> items, ItemWork<T> work) {
    List<ItemOutcome> outcomes = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      int index = i;
      try {
        outcomes.add(run(() -> work.apply(index, items.get(index))));
      } catch (RuntimeException e) {
        Refusal refusal = Refusals.of(e);
        if (refusal == null) {
          throw e;
        }
        outcomes.add(new ItemOutcome.Refused(i, refusal));
      }
    }
    return outcomes;
  }

  /**
   * Runs work in a savepoint when a transaction is active (so that its failure leaves that
   * transaction usable), else as it is.
   */
  public <T> T guard(Supplier<T> work) {
    return TransactionSynchronizationManager.isActualTransactionActive() ? run(work) : work.get();
  }

  public <T> T run(Supplier<T> work) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      return transaction.execute(status -> work.get());
    }
    String name = "unit_" + names.incrementAndGet();
    entities.flush();
    Map<SavepointScoped, Integer> marks = new IdentityHashMap<>();
    for (TransactionSynchronization synchronization :
        TransactionSynchronizationManager.getSynchronizations()) {
      if (synchronization instanceof SavepointScoped scoped) {
        marks.put(scoped, scoped.mark());
      }
    }
    jdbc.sql("savepoint " + name).update();
    try {
      T result = work.get();
      entities.flush();
      jdbc.sql("release savepoint " + name).update();
      return result;
    } catch (RuntimeException e) {
      jdbc.sql("rollback to savepoint " + name).update();
      for (TransactionSynchronization synchronization :
          TransactionSynchronizationManager.getSynchronizations()) {
        if (synchronization instanceof SavepointScoped scoped) {
          scoped.rollbackTo(marks.getOrDefault(scoped, 0));
        }
      }
      // the persistence context still holds what was rolled back; what came before is flushed
      entities.clear();
      throw e;
    }
  }
}
