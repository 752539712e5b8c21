package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.ETags;
import com.leadgencrm.opportunities.core.Forbidden;
import com.leadgencrm.opportunities.core.IfMatch;
import com.leadgencrm.opportunities.core.InvalidField;
import com.leadgencrm.opportunities.core.InvalidRequest;
import com.leadgencrm.opportunities.core.Numbers;
import com.leadgencrm.opportunities.core.Versioned;
import com.leadgencrm.opportunities.dealstage.DealStageService;
import com.leadgencrm.opportunities.dealstage.StageRef;
import com.leadgencrm.opportunities.field.FieldRef;
import com.leadgencrm.opportunities.field.FieldService;
import com.leadgencrm.opportunities.json.JsonInput;
import com.leadgencrm.opportunities.json.JsonValues.TypeMismatch;
import com.leadgencrm.opportunities.query.ListQuery;
import com.leadgencrm.opportunities.query.ListStatements;
import com.leadgencrm.opportunities.query.Page;
import com.leadgencrm.opportunities.query.PageSpec;
import com.leadgencrm.opportunities.query.SortKey;
import com.leadgencrm.opportunities.security.Caller;
import com.leadgencrm.opportunities.web.QueryParameters;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Opportunities: queries, and the rules every change obeys. */
@Service
// reads are one or two statements each: they join a caller's transaction, and need none of their
// own
@Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
public class OpportunityService {

  static final List<SortKey> SORT_KEYS =
      List.of(
          SortKey.id(),
          new SortKey("opportunityName", "opportunity_name", SortKey.Type.TEXT),
          new SortKey("amount", "coalesce(amount, -1)", SortKey.Type.DECIMAL),
          new SortKey("probability", "coalesce(probability, -1)", SortKey.Type.DECIMAL),
          new SortKey("closeDate", "close_date", SortKey.Type.INSTANT),
          new SortKey("createTimestamp", "create_timestamp", SortKey.Type.INSTANT),
          new SortKey("updateTimestamp", "update_timestamp", SortKey.Type.INSTANT));

  static final String COLUMNS =
      """
      id, owner_id, deal_stage_id, account_id, campaign_id, opportunity_name, probability, amount,
      is_closed, is_won, is_active, close_date, originating_lead_id, primary_lead_id, create_timestamp,
      update_timestamp, custom_fields""";

  private final OpportunityRepository opportunities;
  private final DealStageService stages;
  private final FieldService fields;
  private final OpportunityLeadService leads;
  private final CustomValues customValues;
  private final JdbcClient jdbc;
  private final ListStatements lists;
  private final JsonInput json;
  private final JsonMapper mapper;
  private volatile @Nullable CustomFieldDefinitions lastDefinitions;

  OpportunityService(
      OpportunityRepository opportunities,
      DealStageService stages,
      FieldService fields,
      OpportunityLeadService leads,
      CustomValues customValues,
      JdbcClient jdbc,
      ListStatements lists,
      JsonInput json,
      JsonMapper mapper) {
    this.opportunities = opportunities;
    this.stages = stages;
    this.fields = fields;
    this.leads = leads;
    this.customValues = customValues;
    this.jdbc = jdbc;
    this.lists = lists;
    this.json = json;
    this.mapper = mapper;
  }

  /**
   * One page of opportunities. Besides the declared parameters, every active custom field filters
   * by equality ({@code <systemName>=value}), and number and date fields by range too ({@code
   * <systemName>From}, {@code <systemName>To}).
   */
  public Page<OpportunityView> list(
      OpportunityListParams params, MultiValueMap<String, String> query) {
    CustomFieldDefinitions definitions = definitions();
    QueryParameters.check(
        query, OpportunityListParams.class, name -> customFilter(definitions, name) != null);
    PageSpec page = PageSpec.of(params.sort(), params.limit(), params.cursor(), SORT_KEYS, query);
    ListQuery list = filters(params);
    customFilters(list, definitions, query);
    return scoped(list).page(lists, COLUMNS, "opportunity", page, (rs, n) -> view(rs, definitions));
  }

  /** The conditions of a list: one per filter the client gave. */
  ListQuery filters(OpportunityListParams params) {
    ListQuery list =
        new ListQuery()
            .anyOf("id", params.id())
            .anyOf("owner_id", params.ownerID())
            .anyOf("deal_stage_id", params.dealStageID())
            .anyOf("account_id", params.accountID())
            .anyOf("campaign_id", params.campaignID())
            .anyOf("originating_lead_id", params.originatingLeadID())
            .anyOf("primary_lead_id", params.primaryLeadID())
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
    if (params.leadID() != null && !params.leadID().isEmpty()) {
      list.where(
          "exists (select 1 from opportunity_lead l where l.opportunity_id = opportunity.id"
              + " and l.lead_id in (:leadIds))",
          Map.of("leadIds", params.leadID()));
    }
    return list;
  }

  /** A custom-field filter parameter: the field, and whether it is a range bound (From/To). */
  private record CustomFilter(FieldRef field, @Nullable String bound) {}

  private static @Nullable CustomFilter customFilter(
      CustomFieldDefinitions definitions, String name) {
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
      ListQuery list, CustomFieldDefinitions definitions, MultiValueMap<String, String> query) {
    List<InvalidField> errors = new ArrayList<>();
    for (var parameter : query.entrySet()) {
      CustomFilter filter = customFilter(definitions, parameter.getKey());
      if (filter == null || OpportunityListParamNames.DECLARED.contains(parameter.getKey())) {
        continue;
      }
      JsonNode value;
      try {
        value = customValues.filter(filter.field(), parameter.getValue().get(0));
      } catch (TypeMismatch e) {
        errors.add(new InvalidField(parameter.getKey(), e.getMessage()));
        continue;
      }
      if (filter.bound() == null) {
        ObjectNode document = mapper.createObjectNode().set(filter.field().systemName(), value);
        list.where(
            "custom_fields @> cast(:"
                + list.bind(mapper.writeValueAsString(document))
                + " as jsonb)",
            Map.of());
      } else {
        Object bound = value.isNumber() ? value.decimalValue() : value.asString();
        String comparison = filter.bound().equals("From") ? " >= :" : " <= :";
        list.where(
            OpportunityCustomValues.hasValue(filter.field())
                + " and "
                + OpportunityCustomValues.rangeExpression(filter.field())
                + comparison
                + list.bind(bound),
            Map.of());
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequest(errors);
    }
  }

  /** What the wire protocol's {@code where} can name, besides custom fields. */
  static final Map<String, ListQuery.Column> WHERE_COLUMNS =
      Map.ofEntries(
          Map.entry("id", new ListQuery.Column("id", ListQuery.ColumnType.LONG)),
          Map.entry("ownerID", new ListQuery.Column("owner_id", ListQuery.ColumnType.LONG)),
          Map.entry(
              "dealStageID", new ListQuery.Column("deal_stage_id", ListQuery.ColumnType.LONG)),
          Map.entry("accountID", new ListQuery.Column("account_id", ListQuery.ColumnType.LONG)),
          Map.entry("campaignID", new ListQuery.Column("campaign_id", ListQuery.ColumnType.LONG)),
          Map.entry(
              "opportunityName",
              new ListQuery.Column("opportunity_name", ListQuery.ColumnType.TEXT)),
          Map.entry(
              "probability", new ListQuery.Column("probability", ListQuery.ColumnType.DECIMAL)),
          Map.entry("amount", new ListQuery.Column("amount", ListQuery.ColumnType.DECIMAL)),
          Map.entry("isClosed", new ListQuery.Column("is_closed", ListQuery.ColumnType.BOOLEAN)),
          Map.entry("isWon", new ListQuery.Column("is_won", ListQuery.ColumnType.BOOLEAN)),
          Map.entry("isActive", new ListQuery.Column("is_active", ListQuery.ColumnType.BOOLEAN)),
          Map.entry("closeDate", new ListQuery.Column("close_date", ListQuery.ColumnType.INSTANT)),
          Map.entry(
              "originatingLeadID",
              new ListQuery.Column("originating_lead_id", ListQuery.ColumnType.LONG)),
          Map.entry(
              "primaryLeadID", new ListQuery.Column("primary_lead_id", ListQuery.ColumnType.LONG)),
          Map.entry(
              "createTimestamp",
              new ListQuery.Column("create_timestamp", ListQuery.ColumnType.INSTANT)),
          Map.entry(
              "updateTimestamp",
              new ListQuery.Column("update_timestamp", ListQuery.ColumnType.INSTANT)));

  /**
   * Opportunities whose properties (standard or custom) equal the given values, in id order,
   * skipping {@code offset}: the wire protocol's {@code where}.
   */
  public List<OpportunityView> where(Map<String, String> equalities, int limit, int offset) {
    CustomFieldDefinitions definitions = definitions();
    Map<String, String> standard = new LinkedHashMap<>();
    org.springframework.util.LinkedMultiValueMap<String, String> custom =
        new org.springframework.util.LinkedMultiValueMap<>();
    List<InvalidField> errors = new ArrayList<>();
    equalities.forEach(
        (name, value) -> {
          if (WHERE_COLUMNS.containsKey(name)) {
            standard.put(name, value);
          } else if (definitions.active(name) != null) {
            custom.add(name, value);
          } else {
            errors.add(new InvalidField(name, "is not a field that can be filtered on"));
          }
        });
    if (!errors.isEmpty()) {
      throw new InvalidRequest(errors);
    }
    ListQuery list = new ListQuery().equalities(standard, WHERE_COLUMNS);
    customFilters(list, definitions, custom);
    return scoped(list)
        .rows(lists, COLUMNS, "opportunity", limit, offset, (rs, n) -> view(rs, definitions));
  }

  /**
   * Opportunities created (or changed) within [from, to], in id order: the wire protocol's
   * DateRange.
   */
  public List<OpportunityView> between(
      boolean created, Instant from, Instant to, int limit, int offset) {
    CustomFieldDefinitions definitions = definitions();
    return scoped(new ListQuery().changedWithin(created, from, to))
        .rows(lists, COLUMNS, "opportunity", limit, offset, (rs, n) -> view(rs, definitions));
  }

  /** Only the caller's own opportunities, for callers who see no others. */
  private static ListQuery scoped(ListQuery list) {
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

  /** One opportunity, read as a projection: no entity, no transaction of its own. */
  public Versioned<OpportunityView> get(long id) {
    CustomFieldDefinitions definitions = definitions();
    Long scope = Caller.current().ownerScope();
    return jdbc.sql(
            "select "
                + COLUMNS
                + ", version from opportunity where id = :id"
                + (scope == null ? "" : " and owner_id = :owner"))
        .param("id", id)
        .param("owner", scope == null ? 0L : scope)
        .query(
            (rs, n) ->
                new Versioned<>(
                    view(rs, definitions), ETags.of(rs.getLong("version"), definitions.epoch())))
        .optional()
        .orElseThrow(() -> new OpportunityNotFound(id));
  }

  @Transactional
  public Versioned<OpportunityView> create(JsonNode body) {
    WriteContext context = writeContext();
    Opportunity opportunity = opportunities.saveAndFlush(newOpportunity(body, context));
    associatePrimaryLead(opportunity);
    return versioned(opportunity, context.definitions());
  }

  @Transactional
  public Versioned<OpportunityView> replace(long id, JsonNode body, IfMatch ifMatch) {
    WriteContext context = writeContext();
    Opportunity opportunity = lockForChange(id, ifMatch, context.definitions());
    replaceFrom(opportunity, body, context);
    return versioned(saved(opportunity), context.definitions());
  }

  /** Applies a JSON Merge Patch (RFC 7396) to the opportunity's writable properties. */
  @Transactional
  public Versioned<OpportunityView> patch(long id, JsonNode patch, IfMatch ifMatch) {
    WriteContext context = writeContext();
    Opportunity opportunity = lockForChange(id, ifMatch, context.definitions());
    patchFrom(opportunity, patch, context);
    return versioned(saved(opportunity), context.definitions());
  }

  /** What every write validates against: the custom fields and the deal stages. */
  record WriteContext(
      CustomFieldDefinitions definitions, Function<Long, Optional<StageRef>> stages) {}

  /** The context of one write, stages looked up one by one. */
  WriteContext writeContext() {
    return new WriteContext(definitionsForWrite(), stages::find);
  }

  /**
   * A valid new opportunity from a client's document, not yet saved. Fails with every invalid
   * property at once.
   */
  Opportunity newOpportunity(JsonNode body, WriteContext context) {
    List<InvalidField> errors = new ArrayList<>();
    StageRef stage = stageNamedIn(body, errors, context);
    contradictoryFlags(body, errors);
    CustomInput custom = new CustomInput(context.definitions(), customValues);
    CustomInput.requireFields(context.definitions(), body, false, errors);
    OpportunityInput input = json.read(body, OpportunityInput.class, custom, errors);
    checkOwner(input, "create opportunities");
    return new Opportunity(
        input,
        flags(input, body),
        Objects.requireNonNull(stage, "validated"),
        custom.json(mapper, null));
  }

  /** Replaces the opportunity's properties with a client's document; nothing is flushed. */
  void replaceFrom(Opportunity opportunity, JsonNode body, WriteContext context) {
    List<InvalidField> errors = new ArrayList<>();
    StageRef stage = stageNamedIn(body, errors, context);
    contradictoryFlags(body, errors);
    CustomInput custom = new CustomInput(context.definitions(), customValues);
    CustomInput.requireFields(context.definitions(), body, false, errors);
    OpportunityInput input = json.read(body, OpportunityInput.class, custom, errors);
    checkOwner(input, "hand opportunities over to");
    apply(
        opportunity, input, flags(input, body), Objects.requireNonNull(stage, "validated"), custom);
  }

  /** Applies a merge patch to the opportunity; nothing is flushed. */
  void patchFrom(Opportunity opportunity, JsonNode patch, WriteContext context) {
    List<InvalidField> errors = new ArrayList<>();
    StageRef stage = null;
    if (patch.isObject() && patch.has("dealStageID")) {
      stage = stageNamedIn(patch, errors, context);
    }
    contradictoryFlags(patch, errors);
    CustomInput custom = new CustomInput(context.definitions(), customValues);
    CustomInput.requireFields(context.definitions(), patch, true, errors);
    ObjectNode current = mapper.valueToTree(opportunity.input());
    readableCustom(opportunity.customFields(), context.definitions())
        .forEach((name, value) -> current.set(name, mapper.valueToTree(value)));
    OpportunityInput input =
        json.readPatched(current, patch, OpportunityInput.class, custom, errors);
    checkOwner(input, "hand opportunities over to");
    if (stage == null) {
      stage = context.stages().apply(opportunity.dealStageId()).orElseThrow();
    }
    apply(opportunity, input, flags(input, patch), stage, custom);
  }

  /** Flushes a changed opportunity and associates its primary lead. */
  private Opportunity saved(Opportunity opportunity) {
    Opportunity saved = opportunities.saveAndFlush(opportunity);
    associatePrimaryLead(saved);
    return saved;
  }

  @Transactional
  public void delete(long id, IfMatch ifMatch) {
    Opportunity opportunity = lockForChange(id, ifMatch, definitions());
    opportunities.delete(opportunity);
    opportunities.flush();
  }

  /** Locks the opportunity for a change that depends on its current state. */
  Opportunity lockForChange(long id, IfMatch ifMatch, CustomFieldDefinitions definitions) {
    Opportunity opportunity =
        opportunities
            .findForUpdate(id)
            .filter(visible -> Caller.current().sees(visible.ownerId()))
            .orElseThrow(() -> new OpportunityNotFound(id));
    ifMatch.check(etag(opportunity, definitions));
    return opportunity;
  }

  /** The opportunity, when it exists and the caller may see it. */
  Opportunity find(long id) {
    return opportunities
        .findById(id)
        .filter(visible -> Caller.current().sees(visible.ownerId()))
        .orElseThrow(() -> new OpportunityNotFound(id));
  }

  /** Callers who see only their own opportunities cannot give one to someone else. */
  private static void checkOwner(OpportunityInput input, String action) {
    Caller caller = Caller.current();
    if (!caller.sees(Objects.requireNonNull(input.ownerID()))) {
      throw new Forbidden(
          "ownerID",
          "A "
              + caller.role()
              + " cannot "
              + action
              + " another owner: ownerID must be "
              + caller.userId());
    }
  }

  /** The custom opportunity fields, as this request sees them. */
  CustomFieldDefinitions definitions() {
    return definitionsOf(fields.customFields("opportunity"));
  }

  /** Built once per list of definitions: the list instance changes when the definitions do. */
  private CustomFieldDefinitions definitionsOf(List<FieldRef> custom) {
    CustomFieldDefinitions last = lastDefinitions;
    if (last != null && last.source() == custom) {
      return last;
    }
    CustomFieldDefinitions built = new CustomFieldDefinitions(custom);
    lastDefinitions = built;
    return built;
  }

  /**
   * The definitions a write validates against. The shared table lock comes first, so that a field
   * change that converts or removes stored values (which locks the table exclusively) is either
   * wholly before this write or wholly after it.
   */
  CustomFieldDefinitions definitionsForWrite() {
    jdbc.sql("lock table opportunity in row exclusive mode").update();
    return definitionsOf(fields.currentCustomFields("opportunity"));
  }

  private void apply(
      Opportunity opportunity,
      OpportunityInput input,
      Opportunity.Flags flags,
      StageRef stage,
      CustomInput custom) {
    String newCustom = custom.json(mapper, opportunity.customFields());
    boolean customChanged =
        !mapper.readTree(newCustom).equals(mapper.readTree(opportunity.customFields()));
    opportunity.replace(input, flags, stage, customChanged ? newCustom : null);
  }

  void associatePrimaryLead(Opportunity opportunity) {
    Long lead = opportunity.primaryLeadId();
    if (lead != null) {
      leads.ensure(opportunity.id(), lead);
    }
  }

  /**
   * The stage {@code dealStageID} names, when it is a well-formed id; an error names the field when
   * no such stage exists. Other faults of the value are left to input validation.
   */
  private static @Nullable StageRef stageNamedIn(
      JsonNode document, List<InvalidField> errors, WriteContext context) {
    JsonNode id = document.isObject() ? document.get("dealStageID") : null;
    if (id == null || !id.isIntegralNumber() || !id.canConvertToLong() || id.longValue() < 1) {
      return null;
    }
    StageRef stage = context.stages().apply(id.longValue()).orElse(null);
    if (stage == null) {
      errors.add(
          new InvalidField("dealStageID", "deal stage " + id.longValue() + " does not exist"));
    }
    return stage;
  }

  /** A client that says both isWon=true and isClosed=false contradicts itself. */
  private static void contradictoryFlags(JsonNode document, List<InvalidField> errors) {
    if (!document.isObject()) {
      return;
    }
    JsonNode won = document.get("isWon");
    JsonNode closed = document.get("isClosed");
    if (won != null
        && won.isBoolean()
        && won.booleanValue()
        && closed != null
        && closed.isBoolean()
        && !closed.booleanValue()) {
      errors.add(
          new InvalidField(
              "isWon", "cannot be true while isClosed is false: a won deal is closed"));
    }
  }

  /**
   * Resolves isClosed and isWon when only one of them was said: winning closes the deal, and
   * reopening it clears won.
   */
  private static Opportunity.Flags flags(OpportunityInput input, JsonNode said) {
    boolean closed = Boolean.TRUE.equals(input.isClosed());
    boolean won = Boolean.TRUE.equals(input.isWon());
    if (won && !closed) {
      if (said.has("isWon") && !said.get("isWon").isNull()) {
        closed = true;
      } else {
        won = false;
      }
    }
    return new Opportunity.Flags(closed, won);
  }

  /** Entity tag: the row's version and the shape of the representation (the active fields). */
  static String etag(Opportunity opportunity, CustomFieldDefinitions definitions) {
    return ETags.of(opportunity.version(), definitions.epoch());
  }

  private Versioned<OpportunityView> versioned(
      Opportunity opportunity, CustomFieldDefinitions definitions) {
    return new Versioned<>(
        opportunity.view(readableCustom(opportunity.customFields(), definitions)),
        etag(opportunity, definitions));
  }

  /** Every active custom field, by systemName in field order: its value, or null when unset. */
  /** A JSON value as the plain Java value Jackson writes fastest. */
  private static Object plain(JsonNode value) {
    if (value.isString()) {
      return value.stringValue();
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return value.longValue();
    }
    return value.isNumber() ? value.decimalValue() : value;
  }

  Map<String, Object> readableCustom(@Nullable String stored, CustomFieldDefinitions definitions) {
    Map<String, FieldRef> active = definitions.active();
    Map<String, Object> custom = new LinkedHashMap<>(active.size() * 2);
    JsonNode values = stored == null || stored.equals("{}") ? null : mapper.readTree(stored);
    for (FieldRef field : active.values()) {
      JsonNode value = values == null ? null : values.get(field.systemName());
      custom.put(
          field.systemName(),
          value == null || value.isNull() ? null : plain(customValues.readable(field, value)));
    }
    return custom;
  }

  OpportunityView view(ResultSet rs, CustomFieldDefinitions definitions) throws SQLException {
    return new OpportunityView(
        rs.getLong("id"),
        rs.getLong("owner_id"),
        rs.getLong("deal_stage_id"),
        rs.getObject("account_id", Long.class),
        rs.getObject("campaign_id", Long.class),
        rs.getString("opportunity_name"),
        Numbers.plain(rs.getBigDecimal("probability")),
        rs.getBigDecimal("amount"),
        rs.getBoolean("is_closed"),
        rs.getBoolean("is_won"),
        rs.getBoolean("is_active"),
        rs.getObject("close_date", OffsetDateTime.class).toInstant(),
        rs.getObject("originating_lead_id", Long.class),
        rs.getObject("primary_lead_id", Long.class),
        rs.getObject("create_timestamp", OffsetDateTime.class).toInstant(),
        rs.getObject("update_timestamp", OffsetDateTime.class).toInstant(),
        readableCustom(rs.getString("custom_fields"), definitions));
  }
}
