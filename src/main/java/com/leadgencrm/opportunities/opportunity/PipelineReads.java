package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.query.ListQuery;
import com.leadgencrm.opportunities.query.ListStatements;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * What the summary and the waterfall read the pipeline with: a statement of their own over the
 * opportunities a list request selects (its filters and the caller's scope), the custom fields the
 * request may name, and the pipeline's history.
 */
@Component
class PipelineReads {

  private final OpportunityQueries queries;
  private final OpportunityFields fields;
  private final ListStatements lists;
  private final SummaryHistory history;

  PipelineReads(
      OpportunityQueries queries,
      OpportunityFields fields,
      ListStatements lists,
      SummaryHistory history) {
    this.queries = queries;
    this.fields = fields;
    this.lists = lists;
    this.history = history;
  }

  CustomFieldDefinitions definitions() {
    return fields.definitions();
  }

  SummaryHistory history() {
    return history;
  }

  /** The list's query: the filters of a list request and the caller's scope. */
  ListQuery query(
      OpportunityListParams params,
      Map<String, String> custom,
      CustomFieldDefinitions definitions) {
    return queries.query(params, custom, definitions);
  }

  /**
   * The rows of {@code statement}, given the list's condition, over the opportunities {@code query}
   * selects.
   */
  <T> List<T> select(
      ListQuery query,
      Function<String, String> statement,
      Map<String, ?> values,
      RowMapper<T> rows) {
    return query.select(lists, statement, values, rows);
  }
}
