package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.HeavyRead;
import com.leadgencrm.opportunities.core.InvalidField;
import com.leadgencrm.opportunities.core.InvalidInput;
import com.leadgencrm.opportunities.core.Permission;
import com.leadgencrm.opportunities.core.Requires;
import com.leadgencrm.opportunities.query.Column;
import com.leadgencrm.opportunities.query.ListQuery;
import com.leadgencrm.opportunities.query.ListStatements;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The wire protocol's reads of opportunities: by equalities or created (or changed) within a range,
 * in id order, paged by offset. Their pages are not bounded in bytes as list pages are ({@link
 * com.leadgencrm.opportunities.query.PageBytes}): a client that adds the limit to its offset would
 * skip the rows a shorter page left out. So the rows are handed on one at a time as they are read,
 * for the caller to write out, and when the custom fields defined could make a page large, they are
 * fetched a portion at a time from one statement, within a read-only transaction: a page of 500
 * opportunities with a 64 KiB text area (33 MB of JSON) is never held whole. Otherwise the page is
 * read in one round trip, as a list page is.
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
  private final TransactionTemplate readOnly;

  OpportunityOffsetReads(
      OpportunityQueries queries,
      OpportunityRows rows,
      OpportunityFields fields,
      ListStatements lists,
      PlatformTransactionManager transactions) {
    this.queries = queries;
    this.rows = rows;
    this.fields = fields;
    this.lists = lists;
    this.readOnly = new TransactionTemplate(transactions);
    this.readOnly.setReadOnly(true);
  }

  /**
   * The opportunities whose properties (standard or custom) equal the given values, in id order,
   * skipping {@code offset}, each handed to {@code each}: the wire protocol's {@code where}.
   */
  @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
  @Requires(Permission.READ)
  @HeavyRead
  public void where(
      Map<String, String> equalities, int limit, int offset, Consumer<OpportunityView> each) {
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
    read(list, definitions, limit, offset, each);
  }

  /**
   * The opportunities created (or changed) within [from, to], in id order, each handed to {@code
   * each}: the wire protocol's DateRange.
   */
  @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
  @Requires(Permission.READ)
  @HeavyRead
  public void between(
      boolean created,
      Instant from,
      Instant to,
      int limit,
      int offset,
      Consumer<OpportunityView> each) {
    CustomFieldDefinitions definitions = fields.definitions();
    read(new ListQuery().changedWithin(created, from, to), definitions, limit, offset, each);
  }

  /** A window of the opportunities the list selects within the caller's scope, in id order. */
  private void read(
      ListQuery list,
      CustomFieldDefinitions definitions,
      int limit,
      int offset,
      Consumer<OpportunityView> each) {
    ListQuery scoped = OpportunityQueries.scoped(list);
    if (!definitions.mayPassPageBytes(limit)) {
      scoped
          .rows(
              lists,
              OpportunityRows.COLUMNS,
              "opportunity",
              limit,
              offset,
              (rs, n) -> rows.view(rs, definitions))
          .forEach(each);
      return;
    }
    readOnly.executeWithoutResult(
        status ->
            scoped.rows(
                lists,
                OpportunityRows.COLUMNS,
                "opportunity",
                limit,
                offset,
                definitions.mostBytesPerOpportunity(),
                rs -> each.accept(rows.view(rs, definitions))));
  }
}
