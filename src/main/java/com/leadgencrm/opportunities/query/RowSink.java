package com.leadgencrm.opportunities.query;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where an export's rows go as they are read (a CSV answer, say), cell by cell, so that no
 * representation of them is built: first the names of the columns, then every row's cells in column
 * order, each row ended by {@link #endRow}.
 */
public interface RowSink {

  /** The columns of every row that follows, by property name; called once, before any row. */
  void columns(List<String> names);

  /**
   * The next cell of the current row: a property's value as the JSON representation holds it (null,
   * a string, a number, a boolean, an instant).
   */
  void cell(@Nullable Object value);

  /** Ends the current row: its cells were given, one per column. */
  void endRow();

  /**
   * The rows given so far may go on now: the reader holds nothing that waits for them (no
   * statement, no connection). Until then a sink may hold them (a CSV answer holds them all, not to
   * make a statement wait for its client).
   */
  void flush();
}
