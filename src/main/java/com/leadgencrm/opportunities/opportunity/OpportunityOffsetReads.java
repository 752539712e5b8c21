package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.HeavyRead;
import com.leadgencrm.opportunities.core.InvalidField;
import com.leadgencrm.opportunities.core.InvalidInput;
import com.leadgencrm.opportunities.core.Permission;
import com.leadgencrm.opportunities.core.Requires;
import com.leadgencrm.opportunities.limits.Bulkhead;
import com.leadgencrm.opportunities.query.Column;
import com.leadgencrm.opportunities.query.ListQuery;
import com.leadgencrm.opportunities.query.ListStatements;
import com.leadgencrm.opportunities.query.PageBytes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The wire protocol's reads of opportunities: by equalities or created (or changed) within a range,
 * in id order, paged by offset. Their pages are not bounded in bytes as list pages are ({@link
 * PageBytes}): a client that adds the limit to its offset would skip the rows a shorter page left
 * out. So a read whose rows could be large (by the custom fields' {@code dataLength}s) is read in
 * windows that fit in {@link PageBytes#LIMIT}, each one statement of its own (the first skipping
 * the offset, the next ones after the last id read), and handed on row by row for the caller to
 * write out ({@link #each}): a read of 500 opportunities with a 64 KiB text area (33 MB of JSON) is
 * never held whole, and between two windows, while its client reads, it holds nothing: no
 * connection, no transaction (which a field change's DDL would wait for, and every request behind
 * it), no turn of the heavy-read bulkhead. Otherwise a read is one statement, as a list page is.
 */
@Service
public class OpportunityOffsetReads {

  /** What the wire protocol's {@code where} can name, besides custom fields. */
  static final Map<String, Column> WHERE_COLUMNS =
      Column.columns(
          "id:id:LONG",
          "ownerID:owner_id:LONG",
          "dealStageID:deal_stage_id:LONG",
          "accountID:account_id:LONG",
          "campaignID:campaign_id:LONG",
          "opportunityName:opportunity_name:TEXT",
          "probability:probability:DECIMAL",
          "amount:amount:DECIMAL",
          "isClosed:is_closed:BOOLEAN",
          "isWon:is_won:BOOLEAN",
          "isActive:is_active:BOOLEAN",
          "closeDate:close_date:INSTANT",
          "originatingLeadID:originating_lead_id:LONG",
          "primaryLeadID:primary_lead_id:LONG",
          "createTimestamp:create_timestamp:INSTANT",
          "updateTimestamp:update_timestamp:INSTANT");

  private final OpportunityQueries queries;
  private final OpportunityRows rows;
  private final OpportunityFields fields;
  private final ListStatements lists;
  private final LargeReadTurns largeReads;

  /** This service as others call it: each window is checked and takes its turn of the bulkhead. */
  private final ObjectProvider<OpportunityOffsetReads> proxy;

  OpportunityOffsetReads(
      OpportunityQueries queries,
      OpportunityRows rows,
      OpportunityFields fields,
      ListStatements lists,
      LargeReadTurns largeReads,
      ObjectProvider<OpportunityOffsetReads> proxy) {
    this.queries = queries;
    this.rows = rows;
    this.fields = fields;
    this.lists = lists;
    this.largeReads = largeReads;
    this.proxy = proxy;
  }

  /**
   * The opportunities whose properties equal the given values, {@code limit} of them from {@code
   * offset} in id order, handed to {@code each} window by window ({@link #where}).
   */
  @Requires(Permission.READ)
  public void whereEach(
      Map<String, String> equalities,
      int limit,
      int offset,
      Consumer<? super OpportunityView> each) {
    each(
        limit,
        offset,
        (rows, skip, after) -> proxy.getObject().where(equalities, rows, skip, after),
        each);
  }

  /**
   * The opportunities created (or changed) within [from, to], {@code limit} of them from {@code
   * offset} in id order, handed to {@code each} window by window ({@link #between}).
   */
  @Requires(Permission.READ)
  public void betweenEach(
      boolean created,
      Instant from,
      Instant to,
      int limit,
      int offset,
      Consumer<? super OpportunityView> each) {
    each(
        limit,
        offset,
        (rows, skip, after) -> proxy.getObject().between(created, from, to, rows, skip, after),
        each);
  }

  /**
   * A window of the opportunities whose properties (standard or custom) equal the given values, in
   * id order: the wire protocol's {@code where}.
   */
  @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
  @Requires(Permission.READ)
  @HeavyRead
  public Window where(
      Map<String, String> equalities, int limit, int offset, @Nullable Long afterId) {
    CustomFieldDefinitions definitions = fields.definitions();
    Map<String, String> standard = new LinkedHashMap<>();
    Map<String, String> custom = new LinkedHashMap<>();
    List<InvalidField> errors = new ArrayList<>();
    equalities.forEach(
        (name, value) -> {
          if (WHERE_COLUMNS.containsKey(name)) {
            standard.put(name, value);
          } else if (definitions.active(name) != null) {
            custom.put(name, value);
          } else {
            errors.add(new InvalidField(name, "is not a field that can be filtered on"));
          }
        });
    if (!errors.isEmpty()) {
      throw new InvalidInput(errors);
    }
    ListQuery list = new ListQuery().equalities(standard, WHERE_COLUMNS);
    queries.customFilters(list, definitions, custom);
    return window(list, definitions, limit, offset, afterId);
  }

  /**
   * A window of the opportunities created (or changed) within [from, to], in id order: the wire
   * protocol's DateRange.
   */
  @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
  @Requires(Permission.READ)
  @HeavyRead
  public Window between(
      boolean created, Instant from, Instant to, int limit, int offset, @Nullable Long afterId) {
    return window(
        new ListQuery().changedWithin(created, from, to),
        fields.definitions(),
        limit,
        offset,
        afterId);
  }

  /**
   * The rows of one statement of a read, and whether it ended them early, at {@link
   * PageBytes#LIMIT} bytes of custom values (then more may follow).
   */
  public record Window(List<OpportunityView> rows, boolean cut) {}

  /** One statement of a read: at most {@code limit} rows (see {@link #where}, {@link #between}). */
  @FunctionalInterface
  private interface WindowRead {
    Window read(int limit, int offset, @Nullable Long afterId);
  }

  /**
   * Reads {@code limit} rows from {@code offset} window by window, the first skipping the offset,
   * the next ones after the last id read, and hands each row to {@code each} as its window comes. A
   * window that may be large holds a turn of the large-reads bulkhead until its rows are handed on
   * ({@link LargeReadTurns}).
   */
  private void each(
      int limit, int offset, WindowRead read, Consumer<? super OpportunityView> each) {
    int remaining = limit;
    int skip = offset;
    Long after = null;
    while (remaining > 0) {
      Window window;
      try (Bulkhead.Permit held = largeReads.turn(remaining)) {
        window = read.read(remaining, skip, after);
        window.rows().forEach(each);
      }
      remaining -= window.rows().size();
      if (!window.cut() || window.rows().isEmpty()) {
        return;
      }
      after = window.rows().get(window.rows().size() - 1).id();
      skip = 0;
    }
  }

  /**
   * A window of the opportunities the list selects within the caller's scope, in id order: ended at
   * {@link PageBytes#LIMIT} bytes of custom values when the fields defined could pass it.
   */
  private Window window(
      ListQuery list,
      CustomFieldDefinitions definitions,
      int limit,
      int offset,
      @Nullable Long afterId) {
    ListQuery scoped = OpportunityQueries.scoped(list);
    if (afterId != null) {
      scoped.atLeast("id", afterId + 1);
    }
    boolean bounded = definitions.mayPassPageBytes(limit);
    if (bounded) {
      scoped.bulky("custom_fields");
    }
    long[] taken = {0};
    List<OpportunityView> views =
        scoped.rows(
            lists,
            OpportunityRows.COLUMNS,
            "opportunity",
            limit,
            afterId != null ? 0 : offset,
            (rs, n) -> {
              if (bounded) {
                taken[0] = rs.getLong(PageBytes.TAKEN);
              }
              return rows.view(rs, definitions);
            });
    return new Window(views, taken[0] > views.size());
  }
}
