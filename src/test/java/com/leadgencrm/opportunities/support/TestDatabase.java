package com.leadgencrm.opportunities.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one PostgreSQL every test runs against. With a Docker engine: a Testcontainers PostgreSQL.
 * Without one: a database created for this run on the server that {@code CRM_TEST_POSTGRES_URL}
 * names (default {@code jdbc:postgresql://localhost:5432/postgres}), dropped when the run ends, so
 * that development data is never touched. {@code CRM_TEST_DOCKER=false} skips the Docker probe.
 */
public final class TestDatabase {

  private TestDatabase() {}

  private static final Logger log = LoggerFactory.getLogger(TestDatabase.class);

  /** Connection settings of the test database. */
  /**
   * Connection settings of the test database, and of the server's maintenance database (from which
   * tests can act on the test database as a whole).
   */
  public record Target(String url, String username, String password, String maintenanceUrl) {

    /** The test database's name. */
    public String name() {
      return url.replaceFirst("^.*/([^/?]+)(\\?.*)?$", "$1");
    }
  }

  private static Target target;

  /**
   * Puts the test database first among the property sources, before application.yml's defaults, so
   * that no test can reach the development database.
   */
  public static class Initializer
      implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
      Target database = target();
      context
          .getEnvironment()
          .getPropertySources()
          .addFirst(
              new MapPropertySource(
                  "testDatabase",
                  Map.of(
                      "spring.datasource.url", database.url(),
                      "spring.datasource.username", database.username(),
                      "spring.datasource.password", database.password())));
    }
  }

  /**
   * SQL on the test database's {@code crm} schema without the service's statement time limit: for
   * test data of a size no request handles (loading a hundred thousand rows, say).
   */
  public static org.springframework.jdbc.core.simple.JdbcClient withoutTimeLimit() {
    Target database = target();
    return org.springframework.jdbc.core.simple.JdbcClient.create(
        new org.springframework.jdbc.datasource.DriverManagerDataSource(
            crmUrl(), database.username(), database.password()));
  }

  /** The JDBC URL of the test database with the {@code crm} schema as its search path. */
  public static String crmUrl() {
    String url = target().url();
    return url + (url.contains("?") ? "&" : "?") + "currentSchema=crm";
  }

  /** The test database, created on first use. */
  public static synchronized Target target() {
    if (target == null) {
      target = useDocker() ? container() : createDatabase();
    }
    return target;
  }

  private static boolean useDocker() {
    if ("false".equalsIgnoreCase(System.getenv("CRM_TEST_DOCKER"))) {
      return false;
    }
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      return false;
    }
  }

  @SuppressWarnings("resource")
  private static Target container() {
    var postgres = new PostgreSQLContainer("postgres:17-alpine");
    postgres.start();
    log.info("Tests run against a Testcontainers PostgreSQL at {}", postgres.getJdbcUrl());
    return new Target(
        postgres.getJdbcUrl(),
        postgres.getUsername(),
        postgres.getPassword(),
        postgres.getJdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/postgres$1"));
  }

  /**
   * A second database of its own, created now on the same server and dropped when the run ends: for
   * tests whose outcome depends on starting from an empty database (ids from fresh sequences). Only
   * without Docker; with a Testcontainers PostgreSQL, a database on that server.
   */
  public static synchronized Target fresh() {
    Target main = target();
    Target fresh = createDatabase(main.maintenanceUrl(), main.username(), main.password());
    return fresh;
  }

  private static Target createDatabase() {
    return createDatabase(
        env("CRM_TEST_POSTGRES_URL", "jdbc:postgresql://localhost:5432/postgres"),
        env("CRM_TEST_POSTGRES_USER", "postgres"),
        env("CRM_TEST_POSTGRES_PASSWORD", ""));
  }

  private static Target createDatabase(String server, String user, String password) {
    String name =
        "crm_test_"
            + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"))
            + "_"
            + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    try (Connection connection = DriverManager.getConnection(server, user, password)) {
      connection.createStatement().execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "No Docker engine, and cannot create a test database on "
              + server
              + " (set CRM_TEST_POSTGRES_URL / _USER / _PASSWORD): "
              + e.getMessage(),
          e);
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try (Connection connection =
                      DriverManager.getConnection(server, user, password)) {
                    connection
                        .createStatement()
                        .execute("drop database if exists " + name + " with (force)");
                  } catch (SQLException e) {
                    log.warn("Could not drop test database {}: {}", name, e.getMessage());
                  }
                }));
    String url = server.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
    log.info("Tests run against database {} on {}", name, server);
    return new Target(url, user, password, server);
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
