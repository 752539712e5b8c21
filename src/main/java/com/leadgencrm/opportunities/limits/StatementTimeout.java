package com.leadgencrm.opportunities.limits;

import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Work that may run longer than a request's statements: a change of a custom field's definition
 * converts or removes its values in every opportunity and builds its index, which takes about a
 * second per million opportunities. Only Administrators and managers make such changes, one at a
 * time per table (they lock it).
 */
public final class StatementTimeout {

  /** The time limit of a schema change of custom fields. */
  public static final Duration SCHEMA_CHANGE = Duration.ofMinutes(15);

  private StatementTimeout() {}

  /**
   * Gives the statements of the current transaction this time limit instead of the connection's
   * ({@code SET LOCAL}: the connection's own limit is back at commit or rollback).
   */
  public static void extendTo(JdbcClient jdbc, Duration limit) {
    jdbc.sql("select set_config('statement_timeout', :millis, true)")
        .param("millis", Long.toString(limit.toMillis()))
        .query(String.class)
        .single();
  }
}
