package com.leadgencrm.opportunities.query;

import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGStatement;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Runs list queries with a plan made for their parameter values, every time.
 *
 * <p>The driver turns a statement run often into a server-side prepared statement, and PostgreSQL
 * then settles on a generic plan, made for an average parameter value. Lists meet skewed data: an
 * owner with 100,000 open opportunities among owners with 70 makes the generic plan of {@code
 * owner_id = $1 and is_closed = $2 order by id limit 101} a bitmap scan of all of that owner's rows
 * and a sort (300 ms) instead of the ordered index scan that stops after 101 rows (0.3 ms). List
 * statements therefore never become prepared statements ({@code prepareThreshold = 0}): each is
 * planned with its values, at a few tens of microseconds each. Lookups by id keep their prepared
 * plans.
 */
@Component
public class ListStatements {

  /** Rows a streamed read fetches per round trip: constant memory whatever the rows. */
  static final int FETCH_SIZE = 1000;

  /**
   * The bytes of large values one fetch of a streamed read holds at most, as {@link
   * PageBytes#LIMIT} bounds a page: rows of large custom values are fetched fewer at a time.
   */
  private static final long FETCH_BYTES = PageBytes.LIMIT;

  private final JdbcClient client;
  private final JdbcClient streaming;
  private final Cursors cursors;
  private final DataSource dataSource;

  ListStatements(DataSource dataSource, Cursors cursors) {
    this.dataSource = dataSource;
    this.cursors = cursors;
    this.client = JdbcClient.create(unprepared(dataSource));
    JdbcTemplate fetching = unprepared(dataSource);
    fetching.setFetchSize(FETCH_SIZE);
    this.streaming = JdbcClient.create(fetching);
  }

  /**
   * Statements of {@code dataSource} that are never prepared on the server: each is planned for its
   * values and for the table as it is now.
   */
  public static JdbcTemplate unprepared(DataSource dataSource) {
    return new JdbcTemplate(dataSource) {
      @Override
      protected void applyStatementSettings(Statement statement) throws SQLException {
        super.applyStatementSettings(statement);
        statement.unwrap(PGStatement.class).setPrepareThreshold(0);
      }
    };
  }

  /**
   * The same statements, read from a server-side portal (within a transaction: outside one the
   * driver reads every row at once), {@link #FETCH_SIZE} rows at a time, or fewer when each may
   * hold {@code rowBytes}: as many as fit in {@link #FETCH_BYTES} (at least one). PostgreSQL's
   * statement time limit applies to each fetch, not to the whole read.
   */
  JdbcClient streaming(long rowBytes) {
    long rows = Math.max(1, Math.min(FETCH_BYTES / Math.max(1, rowBytes), FETCH_SIZE));
    if (rows == FETCH_SIZE) {
      return streaming;
    }
    JdbcTemplate fetching = unprepared(dataSource);
    fetching.setFetchSize((int) rows);
    return JdbcClient.create(fetching);
  }

  JdbcClient client() {
    return client;
  }

  /** Signs the cursors of the pages these statements read. */
  Cursors cursors() {
    return cursors;
  }
}
