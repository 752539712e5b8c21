package com.leadgencrm.opportunities.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.support.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
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
  void aWindowEndsAtItsLimitAndSaysWhereTheNextStarts() {
    // generate_series rows through the export's path: windows of 1,000 of 2,500, each after the
    // last row of the one before, until one ends short and says none follows
    List<Long> read = new java.util.ArrayList<>();
    List<Integer> sizes = new java.util.ArrayList<>();
    Cursor after = null;
    do {
      int before = read.size();
      after =
          new ListQuery()
              .window(
                  lists,
                  "id",
                  "generate_series(1, 2500) as id",
                  new PageSpec(SortKey.id(), true, 1000, after, ""),
                  rs -> read.add(rs.getLong("id")));
      sizes.add(read.size() - before);
    } while (after != null);
    assertThat(sizes).containsExactly(1000, 1000, 500);
    assertThat(read)
        .hasSize(2500)
        .startsWith(2500L, 2499L)
        .endsWith(2L, 1L)
        .doesNotHaveDuplicates();
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
