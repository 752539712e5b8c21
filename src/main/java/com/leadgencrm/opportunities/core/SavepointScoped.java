package com.leadgencrm.opportunities.core;

/**
 * A transaction synchronization that keeps work of the transaction in memory until it commits (the
 * events of a write, say): a rollback to a savepoint ({@link Savepoints}) must take back what was
 * added after the savepoint, as PostgreSQL does with the rows.
 */
public interface SavepointScoped {

  /** How much is held now: what {@link #rollbackTo} gets back after a rolled-back savepoint. */
  int mark();

  /**
   * Forgets what was added after {@code mark} (0 when this synchronization was registered after the
   * savepoint was taken).
   */
  void rollbackTo(int mark);
}
