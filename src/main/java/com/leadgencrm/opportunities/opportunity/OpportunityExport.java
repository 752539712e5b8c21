package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.HeavyRead;
import com.leadgencrm.opportunities.core.Permission;
import com.leadgencrm.opportunities.core.Requires;
import com.leadgencrm.opportunities.field.FieldRef;
import com.leadgencrm.opportunities.query.ListStatements;
import com.leadgencrm.opportunities.query.PageSpec;
import com.leadgencrm.opportunities.query.RowSink;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every opportunity a list request selects, not one page of them: the CSV export. Rows are read
 * from one statement in portions ({@link com.leadgencrm.opportunities.query.ListQuery#stream}) and
 * handed on cell by cell as they come, no view built ({@link OpportunityRows#cells}), so that an
 * export of a million opportunities holds no more of them than a portion.
 */
@Service
public class OpportunityExport {

  /** The properties of every opportunity, in the order of its JSON representation. */
  static final List<String> STANDARD_COLUMNS =
      Arrays.stream(OpportunityView.class.getRecordComponents())
          .map(RecordComponent::getName)
          .filter(name -> !name.equals("custom"))
          .toList();

  private final OpportunityQueries queries;
  private final OpportunityRows rows;
  private final OpportunityFields fields;
  private final ListStatements lists;

  OpportunityExport(
      OpportunityQueries queries,
      OpportunityRows rows,
      OpportunityFields fields,
      ListStatements lists) {
    this.queries = queries;
    this.rows = rows;
    this.fields = fields;
    this.lists = lists;
  }

  /**
   * Every opportunity the list's filters select, in the order of {@code order}'s sort (its limit
   * and cursor are not used): first the columns (the standard properties, then every active custom
   * field), then each opportunity. One read-only transaction: the export is one snapshot.
   */
  @Requires(Permission.READ)
  @HeavyRead
  @Transactional(readOnly = true)
  public void export(
      OpportunityListParams params, Map<String, String> custom, PageSpec order, RowSink sink) {
    CustomFieldDefinitions definitions = fields.definitions();
    var query = queries.query(params, custom, definitions);
    List<String> columns = new ArrayList<>(STANDARD_COLUMNS);
    columns.addAll(definitions.active().keySet());
    sink.columns(columns);
    List<FieldRef> active = List.copyOf(definitions.active().values());
    query.stream(
        lists,
        OpportunityRows.COLUMNS,
        "opportunity",
        order.key(),
        order.desc(),
        definitions.mostBytesPerOpportunity(),
        rs -> rows.cells(rs, active, sink));
  }
}
