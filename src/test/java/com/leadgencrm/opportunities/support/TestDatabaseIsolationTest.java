package com.leadgencrm.opportunities.support;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/** Tests never touch the development database, and JDBC and JPA share one transaction. */
@IntegrationTest
class TestDatabaseIsolationTest {

  @Autowired JdbcClient jdbc;
  @Autowired EntityManager entities;

  @Test
  void runsAgainstTheDatabaseCreatedForTheRun() {
    String database = jdbc.sql("select current_database()").query(String.class).single();
    assertThat(TestDatabase.target().url()).contains("/" + database);
    assertThat(database).isNotEqualTo("postgres");
  }

  @Test
  @Transactional
  void jdbcAndJpaWorkOnTheSameConnectionInATransaction() {
    Object jdbcBackend = jdbc.sql("select pg_backend_pid()").query(Integer.class).single();
    Object jpaBackend = entities.createNativeQuery("select pg_backend_pid()").getSingleResult();
    assertThat(jpaBackend).isEqualTo(jdbcBackend);
  }
}
