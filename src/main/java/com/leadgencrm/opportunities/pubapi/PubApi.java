package com.leadgencrm.opportunities.pubapi;

import com.leadgencrm.opportunities.core.AlreadyExists;
import com.leadgencrm.opportunities.core.IfMatch;
import com.leadgencrm.opportunities.core.InvalidField;
import com.leadgencrm.opportunities.core.InvalidRequest;
import com.leadgencrm.opportunities.core.NotFound;
import com.leadgencrm.opportunities.core.Savepoints;
import com.leadgencrm.opportunities.dealstage.DealStageInput;
import com.leadgencrm.opportunities.dealstage.DealStageService;
import com.leadgencrm.opportunities.field.FieldInput;
import com.leadgencrm.opportunities.field.FieldRef;
import com.leadgencrm.opportunities.field.FieldService;
import com.leadgencrm.opportunities.field.FieldView;
import com.leadgencrm.opportunities.opportunity.OpportunityBatches;
import com.leadgencrm.opportunities.opportunity.OpportunityInput;
import com.leadgencrm.opportunities.opportunity.OpportunityLeadInput;
import com.leadgencrm.opportunities.opportunity.OpportunityLeadService;
import com.leadgencrm.opportunities.opportunity.OpportunityService;
import com.leadgencrm.opportunities.security.ActingAs;
import com.leadgencrm.opportunities.security.ApiKeyService;
import com.leadgencrm.opportunities.security.Caller;
import com.leadgencrm.opportunities.security.RateLimits;
import com.leadgencrm.opportunities.web.Batch;
import com.leadgencrm.opportunities.web.Problems;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionException;
import org.springframework.util.MultiValueMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Lead Gen & CRM wire protocol: one envelope per call ({@code method}, {@code params}, {@code
 * id}), answered with {@code result}, {@code error} and the same {@code id}, always. Every method
 * is translated to the services of the REST API, so the same rules, custom fields, roles and owner
 * scoping apply; no business rule lives here.
 */
@Service
public class PubApi {

  private static final Logger log = LoggerFactory.getLogger(PubApi.class);
  private static final int MAX_ROWS = 500;

  private static final Map<String, WireProperties> OPPORTUNITY =
      WireProperties.of(OpportunityInput.class);
  private static final Map<String, WireProperties> OPPORTUNITY_LEAD =
      WireProperties.of(OpportunityLeadInput.class);
  private static final Map<String, WireProperties> DEAL_STAGE =
      WireProperties.of(DealStageInput.class);
  private static final Map<String, WireProperties> FIELD = WireProperties.of(FieldInput.class);
  private static final Set<String> TIMESTAMPS = Set.of("createTimestamp", "updateTimestamp");

  private final ApiKeyService keys;
  private final RateLimits rateLimits;
  private final OpportunityService opportunities;
  private final OpportunityBatches batches;
  private final OpportunityLeadService leads;
  private final DealStageService stages;
  private final FieldService fields;
  private final Savepoints savepoints;
  private final JsonMapper mapper;
  private final ZoneId v1Zone;

  PubApi(
      ApiKeyService keys,
      RateLimits rateLimits,
      OpportunityService opportunities,
      OpportunityBatches batches,
      OpportunityLeadService leads,
      DealStageService stages,
      FieldService fields,
      Savepoints savepoints,
      JsonMapper mapper,
      @Value("${crm.pubapi.v1-time-zone:UTC}") String v1Zone) {
    this.keys = keys;
    this.rateLimits = rateLimits;
    this.opportunities = opportunities;
    this.batches = batches;
    this.leads = leads;
    this.stages = stages;
    this.fields = fields;
    this.savepoints = savepoints;
    this.mapper = mapper;
    this.v1Zone = ZoneId.of(v1Zone);
  }

  /**
   * What a call answers: its result, or the error of the whole call, or the errors of its objects.
   */
  private record Answer(@Nullable Object result, @Nullable Object error) {}

  /**
   * Answers one call.
   *
   * @param version12 {@code /pubapi/v1.2} (UTC) rather than {@code /pubapi/v1} (the configured
   *     zone)
   * @param query the query parameters of the request
   * @param body the request body, whatever its content type
   */
  public byte[] call(boolean version12, MultiValueMap<String, String> query, byte[] body) {
    JsonNode id = null;
    Answer answer;
    try {
      JsonNode request = parse(body);
      id = request.get("id");
      if (id == null) {
        throw new WireError(WireError.MISSING_REQUEST_ID, "Header missing request ID");
      }
      ApiKeyService.Verified key = authenticate(query, request);
      Long wait = rateLimits.tryAcquire(key.caller().keyId(), key.rateLimitPerSecond());
      if (wait != null) {
        throw new WireError(
            WireError.RATE_LIMITED,
            "Rate limit exceeded; retry after " + wait + " s",
            List.of(Map.of("retryAfter", wait)));
      }
      WireValues values = new WireValues(version12 ? ZoneOffset.UTC : v1Zone);
      answer = ActingAs.call(key, () -> dispatch(request, values));
    } catch (WireError e) {
      answer = new Answer(null, error(e.code(), e.getMessage(), e.data()));
    } catch (InvalidRequest e) {
      // a read's where, limit or offset the services refuse
      answer =
          new Answer(null, error(WireError.INVALID_PARAMETERS, "Invalid parameters", e.errors()));
    } catch (DataIntegrityViolationException e) {
      // a value PostgreSQL refuses (a NUL character, say) that no rule of the services caught:
      // the call's transaction rolled back, nothing was written
      log.info(
          "Wire protocol call refused by the database: {}", e.getMostSpecificCause().getMessage());
      answer =
          new Answer(
              null,
              error(
                  WireError.INVALID_PARAMETERS,
                  "Invalid parameters",
                  List.of(Map.of("message", "a value the database cannot store or compare"))));
    } catch (DataAccessException | TransactionException e) {
      log.warn("Wire protocol call failed in the database: {}", e.toString());
      answer =
          new Answer(null, error(503, "The database is unavailable; retry shortly", List.of()));
    }
    ObjectNode envelope = mapper.createObjectNode();
    envelope.set("result", mapper.valueToTree(answer.result()));
    envelope.set("error", mapper.valueToTree(answer.error()));
    envelope.set("id", id == null ? mapper.nullNode() : id);
    return mapper.writeValueAsBytes(envelope);
  }

  private JsonNode parse(byte[] body) {
    try {
      JsonNode request = mapper.readTree(body);
      if (request != null && request.isObject()) {
        return request;
      }
    } catch (JacksonException e) {
      // answered below
    }
    throw new WireError(WireError.INVALID_REQUEST_DATA, "Invalid request data format");
  }

  /**
   * {@code accountID} and {@code secretKey}: query parameters, or members of a body object {@code
   * header}.
   */
  private ApiKeyService.Verified authenticate(
      MultiValueMap<String, String> query, JsonNode request) {
    String account = query.getFirst("accountID");
    String secret = query.getFirst("secretKey");
    JsonNode header = request.path("header");
    if ((account == null || secret == null) && header.isObject()) {
      account = header.path("accountID").isValueNode() ? header.path("accountID").asString() : null;
      secret = header.path("secretKey").isValueNode() ? header.path("secretKey").asString() : null;
    }
    if (account == null || secret == null || account.isEmpty() || secret.isEmpty()) {
      throw new WireError(WireError.AUTHENTICATION_FAILED, "User authentication failed");
    }
    return keys.verify(account, secret)
        .orElseThrow(
            () -> new WireError(WireError.AUTHENTICATION_FAILED, "User authentication failed"));
  }

  private Answer dispatch(JsonNode request, WireValues values) {
    JsonNode method = request.get("method");
    if (method == null
        || method.isNull()
        || (method.isString() && method.stringValue().isEmpty())) {
      throw new WireError(WireError.MISSING_METHOD, "Missing method");
    }
    if (!method.isString()) {
      throw new WireError(WireError.INVALID_METHOD, "Invalid method");
    }
    String name = method.stringValue();
    JsonNode given = request.get("params");
    if (given == null || given.isNull()) {
      throw new WireError(WireError.MISSING_PARAMS, "Missing params");
    }
    JsonNode params = given.isArray() && given.isEmpty() ? mapper.createObjectNode() : given;
    if (!params.isObject()) {
      throw new WireError(
          WireError.INVALID_PARAMETERS, "Invalid parameters: params must be an object");
    }
    Caller caller = Caller.current();
    return switch (name) {
      case "getOpportunity" ->
          rows(
              "opportunity",
              one(params, id -> opportunities.get(id).body()),
              opportunityDateTimes(),
              values);
      case "getOpportunities" ->
          rows(
              "opportunity",
              opportunities.where(
                  where(params, values, opportunityTypes()), limit(params), offset(params)),
              opportunityDateTimes(),
              values);
      case "getOpportunitiesDateRange" ->
          rows(
              "opportunity",
              range(
                  params,
                  values,
                  (created, from, to) ->
                      opportunities.between(created, from, to, limit(params), offset(params))),
              opportunityDateTimes(),
              values);
      case "createOpportunities" -> {
        allow(caller.role().writesOpportunities(), name);
        List<JsonNode> objects = objects(params, values, opportunityTypes());
        yield writes("creates", batchSlots(batches.create(objects, false), true));
      }
      case "updateOpportunities" -> {
        allow(caller.role().writesOpportunities(), name);
        List<JsonNode> objects = objects(params, values, opportunityTypes());
        yield writes("updates", batchSlots(batches.patch(objects, false), false));
      }
      case "deleteOpportunities" -> {
        allow(caller.role().deletesOpportunities(), name);
        yield writes(
            "deletes", deletesById(params, values, id -> opportunities.delete(id, IfMatch.NONE)));
      }
      case "getOpportunityLead" ->
          rows("opportunityLead", one(params, id -> leads.get(id).body()), TIMESTAMPS, values);
      case "getOpportunityLeads" ->
          rows(
              "getWhereopportunityLeads",
              leads.where(where(params, values, OPPORTUNITY_LEAD), limit(params), offset(params)),
              TIMESTAMPS,
              values);
      case "getOpportunityLeadsDateRange" ->
          rows(
              "opportunityLead",
              range(
                  params,
                  values,
                  (created, from, to) ->
                      leads.between(created, from, to, limit(params), offset(params))),
              TIMESTAMPS,
              values);
      case "createOpportunityLeads" -> {
        allow(caller.role().writesOpportunities(), name);
        yield writes(
            "creates",
            batchSlots(leads.createAll(objects(params, values, OPPORTUNITY_LEAD), false), true));
      }
      case "updateOpportunityLeads" -> {
        allow(caller.role().writesOpportunities(), name);
        yield writes(
            "updates",
            each(
                objects(params, values, OPPORTUNITY_LEAD),
                false,
                object -> leads.update(idOf(object), withoutId(object)).id()));
      }
      case "deleteOpportunityLeads" -> {
        allow(caller.role().deletesOpportunities(), name);
        yield writes("deletes", deletesById(params, values, id -> leads.delete(id, IfMatch.NONE)));
      }
      case "getDealStage" ->
          rows("dealStage", one(params, id -> stages.get(id).body()), TIMESTAMPS, values);
      case "getDealStages" ->
          rows(
              "dealStage",
              stages.where(where(params, values, DEAL_STAGE), limit(params), offset(params)),
              TIMESTAMPS,
              values);
      case "getDealStagesDateRange" ->
          rows(
              "dealStage",
              range(
                  params,
                  values,
                  (created, from, to) ->
                      stages.between(created, from, to, limit(params), offset(params))),
              TIMESTAMPS,
              values);
      case "createDealStages" -> {
        allow(caller.role().writesDealStages(), name);
        yield writes(
            "creates",
            each(
                objects(params, values, DEAL_STAGE),
                true,
                object -> stages.create(object).body().id()));
      }
      case "updateDealStages" -> {
        allow(caller.role().writesDealStages(), name);
        yield writes(
            "updates",
            each(
                objects(params, values, DEAL_STAGE),
                false,
                object -> stages.patch(idOf(object), withoutId(object), IfMatch.NONE).body().id()));
      }
      case "deleteDealStages" -> {
        allow(caller.role().writesDealStages(), name);
        yield writes(
            "deletes", deletesById(params, values, id -> stages.delete(id, null, IfMatch.NONE)));
      }
      case "getField" ->
          rows("field", one(params, id -> fields.get(id).body()), TIMESTAMPS, values);
      case "getFields" ->
          rows(
              "field",
              fields.where(where(params, values, FIELD), limit(params), offset(params)),
              TIMESTAMPS,
              values);
      case "getFieldsDateRange" ->
          rows(
              "field",
              range(
                  params,
                  values,
                  (created, from, to) ->
                      fields.between(created, from, to, limit(params), offset(params))),
              TIMESTAMPS,
              values);
      case "createFields" -> {
        allow(caller.role().writesFields(), name);
        yield writes(
            "creates",
            each(
                objects(params, values, FIELD), true, object -> fields.create(object).body().id()));
      }
      case "updateFields" -> {
        allow(caller.role().writesFields(), name);
        yield writes(
            "updates",
            each(
                objects(params, values, FIELD),
                false,
                object -> fields.patch(idOf(object), withoutId(object), IfMatch.NONE).body().id()));
      }
      case "deleteFields" -> {
        allow(caller.role().writesFields(), name);
        yield writes(
            "deletes",
            each(
                objects(params, values, Map.of()),
                false,
                object -> {
                  JsonNode systemName = object.path("systemName");
                  if (!systemName.isString() || systemName.stringValue().isEmpty()) {
                    throw new InvalidRequest(
                        "systemName", "is required: the systemName of the field to delete");
                  }
                  FieldView field =
                      fields
                          .bySystemName(systemName.stringValue())
                          .orElseThrow(() -> new NotFound("Field", systemName.stringValue()));
                  if (!field.isCustom()) {
                    throw new WireError(
                        WireError.ONLY_CUSTOM_FIELDS, "Only custom fields can be deleted");
                  }
                  fields.delete(field.id(), IfMatch.NONE);
                  return null;
                }));
      }
      default -> throw new WireError(WireError.INVALID_METHOD, "Invalid method");
    };
  }

  private static void allow(boolean allowed, String method) {
    if (!allowed) {
      throw new WireError(
          WireError.AUTHENTICATION_FAILED,
          "User authentication failed: the role of this API key ("
              + Caller.current().role()
              + ") may not call "
              + method);
    }
  }

  // ---- reads

  private Answer rows(
      String key, List<?> representations, Set<String> dateTimes, WireValues values) {
    List<Map<String, @Nullable Object>> rows = new ArrayList<>();
    for (Object representation : representations) {
      rows.add(values.out(mapper.valueToTree(representation), dateTimes));
    }
    return new Answer(Map.of(key, rows), null);
  }

  /** The one row with the id of {@code params}, or none. */
  private <T> List<T> one(JsonNode params, Function<Long, T> find) {
    JsonNode id = params.get("id");
    if (id == null || id.isNull() || (id.isString() && id.stringValue().isEmpty())) {
      throw new WireError(WireError.MISSING_PARAMETERS, "Missing parameters: id");
    }
    long value;
    try {
      value =
          id.isIntegralNumber() && id.canConvertToLong()
              ? id.longValue()
              : Long.parseLong(id.isString() ? id.stringValue().trim() : "x");
    } catch (NumberFormatException e) {
      throw new WireError(
          WireError.INVALID_PARAMETERS, "Invalid parameters: id must be an integer");
    }
    try {
      return List.of(find.apply(value));
    } catch (NotFound e) {
      return List.of();
    }
  }

  /**
   * {@code where}: {@code {}}, {@code []} or {@code ""} for none; else equalities, values lenient.
   */
  private Map<String, String> where(
      JsonNode params, WireValues values, Map<String, WireProperties> types) {
    JsonNode where = params.get("where");
    Map<String, String> equalities = new LinkedHashMap<>();
    if (where == null
        || where.isNull()
        || (where.isString() && where.stringValue().isEmpty())
        || (where.isArray() && where.isEmpty())) {
      return equalities;
    }
    if (!where.isObject()) {
      throw new WireError(
          WireError.INVALID_PARAMETERS, "Invalid parameters: where must be an object");
    }
    List<InvalidField> errors = new ArrayList<>();
    for (var member : where.properties()) {
      JsonNode value = member.getValue();
      WireProperties type = types.getOrDefault(member.getKey(), WireProperties.TEXT);
      JsonNode converted = values.in(value, type);
      if (!converted.isValueNode() || converted.isNull()) {
        errors.add(new InvalidField(member.getKey(), "must be a value"));
        continue;
      }
      equalities.put(
          member.getKey(),
          converted.isNumber()
              ? converted.decimalValue().toPlainString()
              : converted.isBoolean()
                  ? Boolean.toString(converted.booleanValue())
                  : converted.asString());
    }
    if (!errors.isEmpty()) {
      throw new WireError(WireError.INVALID_PARAMETERS, "Invalid parameters", errors);
    }
    return equalities;
  }

  private static int limit(JsonNode params) {
    return Math.min(count(params, "limit", MAX_ROWS), MAX_ROWS);
  }

  private static int offset(JsonNode params) {
    return count(params, "offset", 0);
  }

  /** A count given as a number, a numeric string, or "" (the default). */
  private static int count(JsonNode params, String name, int fallback) {
    JsonNode value = params.get(name);
    if (value == null
        || value.isNull()
        || (value.isString() && value.stringValue().trim().isEmpty())) {
      return fallback;
    }
    try {
      long count =
          value.isIntegralNumber()
              ? value.longValue()
              : Long.parseLong(value.isString() ? value.stringValue().trim() : "x");
      if (count < 0) {
        throw new NumberFormatException();
      }
      return (int) Math.min(count, Integer.MAX_VALUE);
    } catch (NumberFormatException e) {
      throw new WireError(
          WireError.INVALID_PARAMETERS, "Invalid parameters: " + name + " must be a number");
    }
  }

  private interface Range<T> {
    List<T> between(boolean created, Instant from, Instant to);
  }

  /**
   * DateRange: {@code startDate} and {@code endDate} (inclusive) of {@code create} or {@code
   * update} timestamps.
   */
  private <T> List<T> range(JsonNode params, WireValues values, Range<T> range) {
    JsonNode start = params.get("startDate");
    JsonNode end = params.get("endDate");
    if (start == null || end == null || start.isNull() || end.isNull()) {
      throw new WireError(
          WireError.MISSING_PARAMETERS, "Missing parameters: startDate and endDate");
    }
    Instant from = start.isString() ? values.instant(start.stringValue().trim()) : null;
    Instant to = end.isString() ? values.instant(end.stringValue().trim()) : null;
    if (from == null || to == null) {
      throw new WireError(
          WireError.INVALID_PARAMETERS,
          "Invalid parameters: startDate and endDate must be YYYY-MM-DD HH:MM:SS");
    }
    JsonNode timestamp = params.get("timestamp");
    String which =
        timestamp == null || timestamp.isNull() || timestamp.asString().isEmpty()
            ? "create"
            : timestamp.asString();
    if (!which.equals("create") && !which.equals("update")) {
      throw new WireError(
          WireError.INVALID_PARAMETERS, "Invalid parameters: timestamp must be create or update");
    }
    return range.between(which.equals("create"), from, to);
  }

  private Map<String, WireProperties> opportunityTypes() {
    Map<String, WireProperties> types = new HashMap<>(OPPORTUNITY);
    for (FieldRef field : fields.customFields("opportunity")) {
      types.put(field.systemName(), WireProperties.of(field.dataType()));
    }
    return types;
  }

  private Set<String> opportunityDateTimes() {
    Set<String> dateTimes = new java.util.HashSet<>(TIMESTAMPS);
    dateTimes.add("closeDate");
    for (FieldRef field : fields.customFields("opportunity")) {
      if (field.dataType() == com.leadgencrm.opportunities.field.DataType.DATETIME) {
        dateTimes.add(field.systemName());
      }
    }
    return dateTimes;
  }

  // ---- writes

  /** The objects of a write, converted to REST types; at most 500, else nothing is done. */
  private List<JsonNode> objects(
      JsonNode params, WireValues values, Map<String, WireProperties> types) {
    JsonNode objects = params.get("objects");
    if (objects == null || !objects.isArray()) {
      throw new WireError(WireError.MISSING_OBJECTS, "Missing objects array");
    }
    if (objects.size() > Batch.MAX_ITEMS) {
      throw new WireError(
          WireError.TOO_MANY_OBJECTS, "Too many objects: at most " + Batch.MAX_ITEMS);
    }
    List<JsonNode> converted = new ArrayList<>();
    objects.forEach(object -> converted.add(values.in(object, types)));
    return converted;
  }

  /** One slot per object: success (with the id of a create) or the object's error. */
  private record Slot(boolean success, @Nullable Map<String, Object> error, @Nullable Long id) {}

  private Answer writes(String key, List<Slot> slots) {
    List<Map<String, Object>> results = new ArrayList<>();
    List<Map<String, Object>> failures = new ArrayList<>();
    for (Slot slot : slots) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("success", slot.success());
      result.put("error", slot.error());
      if (slot.id() != null) {
        result.put("id", slot.id());
      }
      results.add(result);
      if (!slot.success()) {
        failures.add(slot.error());
      }
    }
    return new Answer(Map.of(key, results), failures.isEmpty() ? null : failures);
  }

  private List<Slot> batchSlots(Batch.Results results, boolean creates) {
    List<Slot> slots = new ArrayList<>();
    for (Batch.Result result : results.results()) {
      if (result.problem() == null) {
        slots.add(new Slot(true, null, creates ? result.id() : null));
      } else {
        slots.add(new Slot(false, error(result.problem(), false), null));
      }
    }
    return slots;
  }

  private interface Write {
    @Nullable Long apply(JsonNode object);
  }

  /** Each object on its own: one failing leaves the others done. */
  private List<Slot> each(List<JsonNode> objects, boolean creates, Write write) {
    List<Slot> slots = new ArrayList<>();
    for (JsonNode object : objects) {
      try {
        if (!object.isObject()) {
          throw new InvalidRequest("", "each object must be a JSON object");
        }
        Long id = savepoints.run(() -> write.apply(object));
        slots.add(new Slot(true, null, creates ? id : null));
      } catch (WireError e) {
        slots.add(new Slot(false, error(e.code(), e.getMessage(), e.data()), null));
      } catch (RuntimeException e) {
        ProblemDetail problem = Problems.of(e);
        if (problem == null) {
          throw e;
        }
        slots.add(new Slot(false, error(problem, e instanceof AlreadyExists), null));
      }
    }
    return slots;
  }

  /** Deletes of objects that name their {@code id}, each on its own. */
  private List<Slot> deletesById(JsonNode params, WireValues values, LongConsumer delete) {
    return each(
        objects(params, values, Map.of("id", WireProperties.INTEGER)),
        false,
        object -> {
          delete.accept(idOf(object));
          return null;
        });
  }

  private static long idOf(JsonNode object) {
    JsonNode id = object.get("id");
    if (id == null || !id.isIntegralNumber() || !id.canConvertToLong() || id.longValue() < 1) {
      throw new InvalidRequest("id", "is required: the id of the object");
    }
    return id.longValue();
  }

  private static JsonNode withoutId(JsonNode object) {
    ObjectNode copy = ((ObjectNode) object).deepCopy();
    copy.remove("id");
    return copy;
  }

  // ---- errors

  private static Map<String, Object> error(int code, String message, List<?> data) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    error.put("data", data);
    return error;
  }

  /** The protocol's error for a REST problem of one object. */
  private static Map<String, Object> error(ProblemDetail problem, boolean alreadyExists) {
    int status = problem.getStatus();
    String detail = Optional.ofNullable(problem.getDetail()).orElse("");
    Map<String, Object> members =
        problem.getProperties() == null ? Map.of() : problem.getProperties();
    if (status == 409 && (alreadyExists || members.containsKey("existingId"))) {
      Object existing = members.get("existingId");
      return error(
          WireError.ENTRY_EXISTS,
          "Entry already exists: " + detail,
          existing == null ? List.of() : List.of(Map.of("id", existing)));
    }
    if (status == 404 || status == 409 || status == 412) {
      return error(WireError.NO_ROWS_AFFECTED, "No table rows affected: " + detail, List.of());
    }
    Object errors = members.get("errors");
    return error(
        WireError.MALFORMED_OBJECT,
        "Object is malformed: " + detail,
        errors instanceof List<?> list ? list : List.of());
  }
}
