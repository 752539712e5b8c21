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

  private final JdbcClient client;
  private final Cursors cursors;

  ListStatements(DataSource dataSource, Cursors cursors) {
    this.cursors = cursors;
    this.client = JdbcClient.create(unprepared(dataSource));
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

  JdbcClient client() {
    return client;
  }

  /** Signs the cursors of the pages these statements read. */
  Cursors cursors() {
    return cursors;
  }
}
