package com.leadgencrm.opportunities.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.support.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * List statements are planned with their values every time: they never become server-side prepared
 * statements, whose generic plan would serve a skewed value (an owner with 100,000 opportunities)
 * with the plan of an average one. Lookups by id do become prepared statements.
 */
@IntegrationTest
class ListStatementsTest {

  @Autowired ListStatements lists;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate transaction;

  @Test
  void listStatementsAreNeverPrepared() {
    // one transaction: one connection, whose prepared statements pg_prepared_statements shows
    long[] prepared =
        transaction.execute(
            status -> {
              for (int i = 0; i < 10; i++) {
                lists
                    .client()
                    .sql("select id /* list statement */ from deal_stage where id >= :id")
                    .param("id", i)
                    .query(Long.class)
                    .list();
                jdbc.sql("select id /* lookup statement */ from deal_stage where id = :id")
                    .param("id", i)
                    .query(Long.class)
                    .optional();
              }
              return new long[] {count("list statement"), count("lookup statement")};
            });
    assertThat(prepared[0]).isZero();
    assertThat(prepared[1]).isEqualTo(1);
  }

  @Test
  void aStreamedReadFetchesInPortionsFromAnOpenPortal() {
    // generate_series rows through the streaming path: while rows arrive, the statement's portal
    // is still open on the server (pg_cursors lists protocol-level portals), so the driver holds
    // one portion of rows, not all of them
    List<Long> openPortals = new java.util.ArrayList<>();
    long[] rows = {0};
    stream(
        3500,
        16,
        rs -> {
          rows[0]++;
          if (rows[0] % 1000 == 1) {
            openPortals.add(jdbc.sql("select count(*) from pg_cursors").query(Long.class).single());
          }
        });
    assertThat(rows[0]).isEqualTo(3500);
    assertThat(openPortals).hasSize(4).allMatch(open -> open >= 1);
  }

  @Test
  void rowsThatMayBeLargeAreFetchedFewerAtATime() {
    // a portion holds at most PageBytes.LIMIT of them, and always one row
    assertThat(fetchSize(16)).isEqualTo(ListStatements.FETCH_SIZE);
    assertThat(fetchSize(PageBytes.LIMIT / 10)).isEqualTo(10);
    assertThat(fetchSize(PageBytes.LIMIT * 3)).isEqualTo(1);
  }

  private int fetchSize(long rowBytes) {
    int[] size = {0};
    stream(3, rowBytes, rs -> size[0] = rs.getStatement().getFetchSize());
    return size[0];
  }

  /** Streams generate_series rows through the export's path, in a transaction. */
  private void stream(int count, long rowBytes, RowCallbackHandler each) {
    transaction.executeWithoutResult(
        status ->
            new ListQuery()
                .stream(
                    lists,
                    "id",
                    "generate_series(1, " + count + ") as id",
                    SortKey.id(),
                    false,
                    rowBytes,
                    each));
  }

  private long count(String marker) {
    return jdbc.sql(
            "select count(*) from pg_prepared_statements where statement like :marker"
                + " and statement not like '%pg_prepared_statements%'")
        .param("marker", "%" + marker + "%")
        .query(Long.class)
        .single();
  }
}
