package com.leadgencrm.opportunities.query;

/**
 * A property a list can be sorted by, and the SQL expression it sorts on. Lists break ties by
 * {@code id} in the same direction, and page with a keyset on {@code (expression, id)}, so every
 * sort key has an index on {@code (expression, id)}.
 */
public record SortKey(String property, String expression, Type type) {

  /** How a sort value travels inside a cursor. */
  public enum Type {
    LONG,
    DECIMAL,
    TEXT,
    INSTANT
  }

  public static SortKey id() {
    return new SortKey("id", "id", Type.LONG);
  }
}
