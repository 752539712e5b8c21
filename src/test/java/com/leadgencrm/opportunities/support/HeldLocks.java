package com.leadgencrm.opportunities.support;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Another client's open transaction in the test database, holding the locks its statements took
 * until it commits or is closed (rolled back).
 */
public final class HeldLocks implements AutoCloseable {

  private final Connection connection;

  private HeldLocks(Connection connection) {
    this.connection = connection;
  }

  /** Opens a transaction and runs the statements in it (for example {@code lock table ...}). */
  public static HeldLocks take(String... statements) throws SQLException {
    TestDatabase.Target database = TestDatabase.target();
    Connection connection =
        DriverManager.getConnection(database.url(), database.username(), database.password());
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
    return new HeldLocks(connection);
  }

  /** Sessions of the test database (the service's) that wait for a lock now. */
  public int waiting() throws SQLException {
    try (Statement statement = connection.createStatement();
        var rs =
            statement.executeQuery(
                "select count(*) from pg_stat_activity where datname = current_database()"
                    + " and wait_event_type = 'Lock' and pid <> pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** Cancels the statements of the sessions that wait for a lock now; returns how many. */
  public int cancelWaiting() throws SQLException {
    try (Statement statement = connection.createStatement();
        var rs =
            statement.executeQuery(
                "select count(*) filter (where pg_cancel_backend(pid)) from pg_stat_activity"
                    + " where datname = current_database() and wait_event_type = 'Lock'"
                    + " and pid <> pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /**
   * Sends {@code request} (another client's, over HTTP) while this transaction is open, commits
   * once the request waits for one of its locks, and returns what the request answered.
   */
  public <T> T commitOnceWaitedFor(Supplier<T> request) throws Exception {
    CompletableFuture<T> answer = CompletableFuture.supplyAsync(request);
    await().atMost(Duration.ofSeconds(10)).until(() -> waiting() == 1);
    commit();
    return answer.get(10, TimeUnit.SECONDS);
  }

  /**
   * Runs one more statement in this transaction, in the background (it may wait for a lock the
   * service holds); the future fails with the statement's error, if any.
   */
  public CompletableFuture<Void> runLater(String sql) {
    return CompletableFuture.runAsync(
        () -> {
          try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
          } catch (SQLException e) {
            throw new java.util.concurrent.CompletionException(e);
          }
        });
  }

  /** Commits what the statements changed, releasing the locks. */
  public void commit() throws SQLException {
    connection.commit();
  }

  @Override
  public void close() throws SQLException {
    try {
      connection.rollback();
    } finally {
      connection.close();
    }
  }
}
