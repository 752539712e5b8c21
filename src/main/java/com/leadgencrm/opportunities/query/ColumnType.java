package com.leadgencrm.opportunities.query;

/** The types of {@link Column}s, and what a value of each looks like. */
public enum ColumnType {
  LONG("an integer"),
  DECIMAL("a number"),
  TEXT("text"),
  BOOLEAN("a boolean: 1, 0, true or false"),
  INSTANT("a date-time such as 2026-12-31 17:00:00, or a date");

  private final String described;

  ColumnType(String described) {
    this.described = described;
  }

  String described() {
    return described;
  }
}
