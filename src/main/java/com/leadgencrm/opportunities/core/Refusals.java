package com.leadgencrm.opportunities.core;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;

/** Tells the service's refusals from failures, whatever layer raised them. */
public final class Refusals {

  private Refusals() {}

  /**
   * The refusal an exception stands for: itself when it is one; a concurrent change for an
   * optimistic locking failure; a conflict or a refused value for a constraint the database
   * enforced. Null for anything else (a failure, not a refusal).
   */
  public static @Nullable Refusal of(Throwable e) {
    if (e instanceof Refusal refusal) {
      return refusal;
    }
    if (e instanceof ObjectOptimisticLockingFailureException) {
      return new ConcurrentModification();
    }
    if (e instanceof DataIntegrityViolationException) {
      String state = sqlState(e);
      return state != null
              && (state.equals("23505") || state.equals("23503") || state.equals("23P01"))
          ? new ConstraintConflict()
          : new ValueRefused();
    }
    return null;
  }

  /** The SQL state of the first SQL exception among the causes, if any. */
  public static @Nullable String sqlState(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState();
      }
    }
    return null;
  }

  /**
   * Whether PostgreSQL cancelled the statement (SQL state 57014): it ran longer than the statement
   * time limit (waiting for a lock included). Nothing it did stays: its transaction, or its
   * savepoint, is rolled back, and its connection is free again.
   */
  public static boolean timedOut(Throwable e) {
    return "57014".equals(sqlState(e));
  }

  /** What a client is told of a change {@link #collided} with a concurrent one. */
  public static final String COLLIDED =
      "The change collided with a concurrent change and was undone; retry";

  /**
   * Whether PostgreSQL undid the transaction because it collided with a concurrent one: a deadlock
   * it broke (40P01) or a serialization failure (40001). Nothing of it stays, and a retry can
   * succeed: the database itself is fine.
   */
  public static boolean collided(Throwable e) {
    String state = sqlState(e);
    return "40P01".equals(state) || "40001".equals(state);
  }

  /**
   * Whether the database could not be reached or went away: a connection-class SQL state (08, 57P),
   * or a failure of the pool or driver itself, which carries no SQL state at all (Hikari's
   * "Connection is closed" when a rollback meets a connection the server dropped mid-request).
   */
  public static boolean lostConnection(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLException sql) {
        String state = sql.getSQLState();
        if (state == null || state.startsWith("08") || state.startsWith("57P")) {
          return true;
        }
      }
    }
    return false;
  }
}
