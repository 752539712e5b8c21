package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.Caller;
import com.leadgencrm.opportunities.core.HeavyRead;
import com.leadgencrm.opportunities.core.InvalidField;
import com.leadgencrm.opportunities.core.InvalidInput;
import com.leadgencrm.opportunities.core.Permission;
import com.leadgencrm.opportunities.core.Requires;
import com.leadgencrm.opportunities.core.Values.TypeMismatch;
import com.leadgencrm.opportunities.core.Versioned;
import com.leadgencrm.opportunities.field.FieldRef;
import com.leadgencrm.opportunities.query.Cursor;
import com.leadgencrm.opportunities.query.ListQuery;
import com.leadgencrm.opportunities.query.ListStatements;
import com.leadgencrm.opportunities.query.Page;
import com.leadgencrm.opportunities.query.PageSpec;
import com.leadgencrm.opportunities.query.RowSink;
import com.leadgencrm.opportunities.query.SortKey;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads of opportunities: one by id, pages of the list with every filter, and the wire protocol's
 * equality and date-range reads. A caller who sees only their own opportunities reads only those.
 * Each read is one or two statements: it joins a caller's transaction, and needs none of its own
 * ({@code SUPPORTS}).
 */
@Service
public class OpportunityQueries {

  static final List<SortKey> SORT_KEYS =
      List.of(
          SortKey.id(),
          new SortKey("opportunityName", "opportunity_name", SortKey.Type.TEXT),
          new SortKey("amount", "coalesce(amount, -1)", SortKey.Type.DECIMAL),
          new SortKey("currency", "currency", SortKey.Type.TEXT),
          new SortKey("probability", "coalesce(probability, -1)", SortKey.Type.DECIMAL),
          new SortKey("closeDate", "close_date", SortKey.Type.INSTANT),
          new SortKey("createTimestamp", "create_timestamp", SortKey.Type.INSTANT),
          new SortKey("updateTimestamp", "update_timestamp", SortKey.Type.INSTANT));

  private final OpportunityRows rows;
  private final OpportunityFields fields;
  private final CustomValues customValues;
  private final JdbcClient jdbc;
  private final ListStatements lists;
  private final JsonMapper mapper;

  OpportunityQueries(
      OpportunityRows rows,
      OpportunityFields fields,
      CustomValues customValues,
      JdbcClient jdbc,
      ListStatements lists,
      JsonMapper mapper) {
    this.rows = rows;
    this.fields = fields;
    this.customValues = customValues;
    this.jdbc = jdbc;
    this.lists = lists;
    this.mapper = mapper;
  }

  /**
   * One page of opportunities. Besides the declared parameters, every active custom field filters
   * by equality ({@code <systemName>=value}), and number and date fields by range too ({@code
   * <systemName>From}, {@code <systemName>To}).
   *
   * @param custom the request's parameters that name custom fields, with their values
   */
  @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
  @Requires(Permission.READ)
  @HeavyRead
  public Page<OpportunityView> list(
      OpportunityListParams params, Map<String, String> custom, PageSpec page) {
    CustomFieldDefinitions definitions = fields.definitions();
    ListQuery query = query(params, custom, definitions);
    if (definitions.mayPassPageBytes(page.limit() + 1)) {
      query.bulky("custom_fields");
    }
    return query.page(
        lists, OpportunityRows.COLUMNS, "opportunity", page, (rs, n) -> rows.view(rs, definitions));
  }

  /**
   * One window of the CSV export ({@link OpportunityExport}): the rows of a page handed to {@code
   * sink} cell by cell, the custom fields' by {@code customColumns} (systemNames; empty for one no
   * longer active).
   *
   * @return where the next window starts, or null after the last
   */
  @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
  @Requires(Permission.READ)
  @HeavyRead
  public @Nullable Cursor window(
      OpportunityListParams params,
      Map<String, String> custom,
      PageSpec window,
      List<String> customColumns,
      RowSink sink) {
    CustomFieldDefinitions definitions = fields.definitions();
    ListQuery query = query(params, custom, definitions);
    if (definitions.mayPassPageBytes(window.limit())) {
      query.bulky("custom_fields");
    }
    List<@Nullable FieldRef> columns = new ArrayList<>(customColumns.size());
    customColumns.forEach(name -> columns.add(definitions.active(name)));
    return query.window(
        lists, OpportunityRows.COLUMNS, "opportunity", window, rs -> rows.cells(rs, columns, sink));
  }

  /** The systemNames of the active custom fields, in their order: the export's last columns. */
  @Requires(Permission.READ)
  public List<String> customColumns() {
    return List.copyOf(fields.definitions().active().keySet());
  }

  /** Whether a query parameter names a custom-field filter of the list. */
  @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
  @Requires(Permission.READ)
  public boolean filtersBy(String parameter) {
    return customFilter(fields.definitions(), parameter) != null;
  }

  /** The list's query: one condition per filter the client gave, in the caller's scope. */
  ListQuery query(
      OpportunityListParams params,
      Map<String, String> custom,
      CustomFieldDefinitions definitions) {
    ListQuery list = filters(params);
    customFilters(list, definitions, custom);
    return scoped(list);
  }

  private static ListQuery filters(OpportunityListParams params) {
    searchable(params.q());
    ListQuery list =
        new ListQuery()
            .anyOf("id", params.id())
            .anyOf("owner_id", params.ownerID())
            .anyOf("deal_stage_id", params.dealStageID())
            .anyOf("account_id", params.accountID())
            .anyOf("campaign_id", params.campaignID())
            .anyOf("originating_lead_id", params.originatingLeadID())
            .anyOf("primary_lead_id", params.primaryLeadID())
            .anyOf("currency", params.currency())
            .equal("is_closed", params.isClosed())
            .equal("is_won", params.isWon())
            .equal("is_active", params.isActive())
            .atLeast("close_date", params.closeDateFrom())
            .atMost("close_date", params.closeDateTo())
            .atLeast("create_timestamp", params.createTimestampFrom())
            .atMost("create_timestamp", params.createTimestampTo())
            .atLeast("update_timestamp", params.updateTimestampFrom())
            .atMost("update_timestamp", params.updateTimestampTo())
            .contains("opportunity_name", params.q());
    amountRange(list, params.amountFrom(), params.amountTo());
    if (params.pipelineID() != null && !params.pipelineID().isEmpty()) {
      list.where(
          "deal_stage_id in (select s.id from deal_stage s where s.pipeline_id in (:pipelineIds))",
          Map.of("pipelineIds", params.pipelineID()),
          "deal_stage_id");
    }
    if (params.leadID() != null && !params.leadID().isEmpty()) {
      list.where(
          "exists (select 1 from opportunity_lead l where l.opportunity_id = opportunity.id"
              + " and l.lead_id in (:leadIds))",
          Map.of("leadIds", params.leadID()));
    }
    return list;
  }

  /**
   * A name search the trigram index can serve: it holds three letters or digits in a row. A shorter
   * one would read every opportunity (the index has nothing to look up), so it is refused instead.
   */
  private static void searchable(@Nullable String q) {
    if (q == null || q.isEmpty()) {
      return;
    }
    int run = 0;
    for (int i = 0; i < q.length(); i = q.offsetByCodePoints(i, 1)) {
      run = Character.isLetterOrDigit(q.codePointAt(i)) ? run + 1 : 0;
      if (run == 3) {
        return;
      }
    }
    throw new InvalidInput(
        "q",
        "must hold at least 3 letters or digits in a row (a shorter search cannot use the index)");
  }

  /** A custom-field filter parameter: the field, and whether it is a range bound (From/To). */
  private record CustomFilter(FieldRef field, @Nullable String bound) {}

  private static @Nullable CustomFilter customFilter(
      CustomFieldDefinitions definitions, String name) {
    if (OpportunityListParams.NAMES.contains(name)) {
      return null;
    }
    FieldRef field = definitions.active(name);
    if (field != null) {
      return new CustomFilter(field, null);
    }
    for (String bound : List.of("From", "To")) {
      if (name.endsWith(bound)) {
        FieldRef ranged = definitions.active(name.substring(0, name.length() - bound.length()));
        if (ranged != null && CustomFieldDefinitions.ranged(ranged.dataType())) {
          return new CustomFilter(ranged, bound);
        }
      }
    }
    return null;
  }

  void customFilters(
      ListQuery list, CustomFieldDefinitions definitions, Map<String, String> parameters) {
    List<InvalidField> errors = new ArrayList<>();
    parameters.forEach(
        (name, text) -> {
          CustomFilter filter = customFilter(definitions, name);
          if (filter == null) {
            return;
          }
          Object value;
          try {
            value = customValues.filter(filter.field(), text);
          } catch (TypeMismatch e) {
            errors.add(new InvalidField(name, e.getMessage()));
            return;
          }
          if (filter.bound() == null) {
            String document = mapper.writeValueAsString(Map.of(filter.field().systemName(), value));
            list.where("custom_fields @> cast(:" + list.bind(document) + " as jsonb)", Map.of());
          } else {
            Object bound = value instanceof String ? value : new BigDecimal(value.toString());
            String comparison = filter.bound().equals("From") ? " >= :" : " <= :";
            list.where(
                OpportunityCustomValues.hasValue(filter.field())
                    + " and "
                    + OpportunityCustomValues.rangeExpression(filter.field())
                    + comparison
                    + list.bind(bound),
                Map.of());
          }
        });
    if (!errors.isEmpty()) {
      throw new InvalidInput(errors);
    }
  }

  /**
   * One opportunity, read as a projection: no entity, and not even the empty transaction of {@code
   * SUPPORTS}, whose interceptor cost a GET 3% of its CPU samples (BENCHMARKS.md, tenth round).
   */
  @Requires(Permission.READ)
  public Versioned<OpportunityView> get(long id) {
    CustomFieldDefinitions definitions = fields.definitions();
    Long scope = Caller.current().ownerScope();
    return jdbc.sql(
            "select "
                + OpportunityRows.COLUMNS
                + ", version from opportunity where id = :id"
                + (scope == null ? "" : " and owner_id = :owner"))
        .param("id", id)
        .param("owner", scope == null ? 0L : scope)
        .query((rs, n) -> rows.versioned(rs, definitions))
        .optional()
        .orElseThrow(() -> new OpportunityNotFound(id));
  }

  /** Only the caller's own opportunities, for callers who see no others. */
  static ListQuery scoped(ListQuery list) {
    Long scope = Caller.current().ownerScope();
    return scope == null ? list : list.equal("owner_id", scope);
  }

  /**
   * Amount ranges compare {@code coalesce(amount, -1)}, the expression the amount index holds: a
   * lower bound of 0 or more leaves unset amounts out by itself.
   */
  private static void amountRange(
      ListQuery list, @Nullable BigDecimal from, @Nullable BigDecimal to) {
    if (from == null && to == null) {
      return;
    }
    BigDecimal lower = from == null || from.signum() < 0 ? BigDecimal.ZERO : from;
    list.atLeast("coalesce(amount, -1)", lower).atMost("coalesce(amount, -1)", to);
  }
}
