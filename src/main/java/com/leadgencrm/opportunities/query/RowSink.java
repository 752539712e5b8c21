package com.leadgencrm.opportunities.query;

import java.util.List;

/**
 * Where an export's rows go as they are read (a CSV answer, say), so that none of them is held:
 * first the names of the columns, then every row.
 */
public interface RowSink<T> {

  /** The columns of every row that follows, by property name; called once, before any row. */
  void columns(List<String> names);

  void row(T row);
}
