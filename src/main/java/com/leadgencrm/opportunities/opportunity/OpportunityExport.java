package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.Permission;
import com.leadgencrm.opportunities.core.Requires;
import com.leadgencrm.opportunities.limits.Bulkhead;
import com.leadgencrm.opportunities.query.Cursor;
import com.leadgencrm.opportunities.query.PageBytes;
import com.leadgencrm.opportunities.query.PageSpec;
import com.leadgencrm.opportunities.query.RowSink;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Every opportunity a list request selects, not one page of them: the CSV export.
 *
 * <p>It is read in windows of {@link #WINDOW_ROWS} rows (fewer when their custom values would pass
 * {@link PageBytes#LIMIT}), each one statement of its own, the next starting after the last row of
 * the one before, as a client following {@code nextCursor} would; the sink holds each window's rows
 * until it is read ({@link RowSink#flush}). So an export of a million opportunities holds one
 * window of them, and while its client reads, however slowly, it holds nothing else: no connection,
 * no transaction (which a field change's DDL would wait for, and every request behind it) and no
 * turn of the heavy-read bulkhead, which each window takes anew. A window that may be large holds a
 * turn of the large-reads bulkhead until its rows are handed on ({@link LargeReadTurns}). The price
 * is the one of paging: each window is a snapshot of its own, so an opportunity whose sort value
 * changes during a long export may be met twice or not at all (never when sorted by id).
 */
@Service
public class OpportunityExport {

  /** The rows of one window: a million opportunities are a thousand windows. */
  static final int WINDOW_ROWS = 1000;

  /** The properties of every opportunity, in the order of its JSON representation. */
  static final List<String> STANDARD_COLUMNS =
      Arrays.stream(OpportunityView.class.getRecordComponents())
          .map(RecordComponent::getName)
          .filter(name -> !name.equals("custom"))
          .toList();

  private final OpportunityQueries queries;
  private final LargeReadTurns largeReads;

  OpportunityExport(OpportunityQueries queries, LargeReadTurns largeReads) {
    this.queries = queries;
    this.largeReads = largeReads;
  }

  /**
   * Every opportunity the list's filters select, in the order of {@code order}'s sort (its limit
   * and cursor are not used): first the columns (the standard properties, then the custom fields
   * active when the export starts), then each opportunity.
   */
  @Requires(Permission.READ)
  public void export(
      OpportunityListParams params, Map<String, String> custom, PageSpec order, RowSink sink) {
    List<String> customColumns = queries.customColumns();
    List<String> columns = new ArrayList<>(STANDARD_COLUMNS);
    columns.addAll(customColumns);
    sink.columns(columns);
    @Nullable Cursor after = null;
    do {
      PageSpec window =
          new PageSpec(order.key(), order.desc(), WINDOW_ROWS, after, order.filters());
      try (Bulkhead.Permit held = largeReads.turn(WINDOW_ROWS)) {
        after = queries.window(params, custom, window, customColumns, sink);
        sink.flush();
      }
    } while (after != null);
  }
}
