package com.leadgencrm.opportunities.pubapi;

import com.leadgencrm.opportunities.core.InvalidField;
import com.leadgencrm.opportunities.core.ItemOutcome;
import com.leadgencrm.opportunities.core.NotFound;
import com.leadgencrm.opportunities.core.Savepoints;
import com.leadgencrm.opportunities.core.Submitted;
import com.leadgencrm.opportunities.core.Values;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.LongFunction;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One call's {@code params}, read the way the protocol's clients write them, and the shapes of its
 * answers. Every method of every family reads its params through here, so that each family's table
 * holds only what is its own.
 */
final class WireCall {

  private static final int MAX_ROWS = 500;

  /** A count as text: digits, perhaps signed, perhaps blanks around (a few hundred at most). */
  private static final Pattern COUNT = Pattern.compile("\\s*[-+]?\\d{1,400}\\s*");

  private final JsonNode params;
  private final WireValues values;
  private final JsonMapper mapper;
  private final Savepoints savepoints;

  WireCall(JsonNode params, WireValues values, JsonMapper mapper, Savepoints savepoints) {
    this.params = params;
    this.values = values;
    this.mapper = mapper;
    this.savepoints = savepoints;
  }

  // ---- reads

  /** The one row with the id of {@code params}, or none. */
  <T> WireRows<T> one(LongFunction<T> find) {
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
    List<T> found;
    try {
      found = List.of(find.apply(value));
    } catch (NotFound e) {
      found = List.of();
    }
    return found::forEach;
  }

  /**
   * {@code where}: {@code {}}, {@code []} or {@code ""} for none; else equalities, values lenient.
   */
  Map<String, String> where(Map<String, WireProperties> types) {
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
      WireProperties type = types.getOrDefault(member.getKey(), WireProperties.TEXT);
      JsonNode converted = values.in(member.getValue(), type);
      if (!converted.isValueNode() || converted.isNull()) {
        errors.add(new InvalidField(member.getKey(), "must be a value"));
        continue;
      }
      try {
        equalities.put(member.getKey(), WireValues.text(converted));
      } catch (Values.TypeMismatch e) {
        errors.add(new InvalidField(member.getKey(), e.getMessage()));
      }
    }
    if (!errors.isEmpty()) {
      throw new WireError(WireError.INVALID_PARAMETERS, "Invalid parameters", errors);
    }
    return equalities;
  }

  /** The rows {@code where}, {@code limit} and {@code offset} ask for (see {@link #whereEach}). */
  <T> WireRows<T> where(Map<String, WireProperties> types, WireRows.Where<T> read) {
    return whereEach(
        types,
        (equalities, limit, offset, each) -> read.where(equalities, limit, offset).forEach(each));
  }

  /**
   * The rows {@code where}, {@code limit} and {@code offset} ask for, read as the answer is
   * written: the params are read now (so that they are refused before anything is read), the rows
   * when the answer asks for them.
   */
  <T> WireRows<T> whereEach(Map<String, WireProperties> types, WireRows.WhereEach<T> read) {
    Map<String, String> equalities = where(types);
    int limit = limit();
    int offset = offset();
    return each -> read.where(equalities, limit, offset, each::accept);
  }

  int limit() {
    return Math.min(count("limit", MAX_ROWS), MAX_ROWS);
  }

  int offset() {
    return count("offset", 0);
  }

  /**
   * A count given as a whole number, a numeric string, or "" (the default): 0 or more, of any size
   * (beyond {@code Integer.MAX_VALUE} it counts as that: an offset past every row, a limit of all).
   */
  private int count(String name, int fallback) {
    JsonNode value = params.get(name);
    if (value == null
        || value.isNull()
        || (value.isString() && value.stringValue().trim().isEmpty())) {
      return fallback;
    }
    BigInteger count = null;
    if (value.isIntegralNumber()) {
      count = value.bigIntegerValue();
    } else if (value.isNumber()
        && Values.isBounded(value.decimalValue())
        && value.decimalValue().stripTrailingZeros().scale() <= 0) {
      count = value.decimalValue().toBigInteger();
    } else if (value.isString() && COUNT.matcher(value.stringValue()).matches()) {
      count = new BigInteger(value.stringValue().trim());
    }
    if (count == null || count.signum() < 0) {
      throw new WireError(
          WireError.INVALID_PARAMETERS,
          "Invalid parameters: " + name + " must be a whole number, 0 or more");
    }
    return count.bitLength() < 32 ? count.intValue() : Integer.MAX_VALUE;
  }

  /** DateRange (see {@link #rangeEach}). */
  <T> WireRows<T> range(WireRows.Range<T> read) {
    return rangeEach(
        (created, from, to, limit, offset, each) ->
            read.between(created, from, to, limit, offset).forEach(each));
  }

  /**
   * DateRange: {@code startDate} and {@code endDate} (inclusive) of {@code create} or {@code
   * update} timestamps, read as the answer is written (the params are read now, as {@link
   * #whereEach}).
   */
  <T> WireRows<T> rangeEach(WireRows.RangeEach<T> read) {
    DateRange range = dateRange();
    int limit = limit();
    int offset = offset();
    return each ->
        read.between(range.created(), range.from(), range.to(), limit, offset, each::accept);
  }

  private record DateRange(boolean created, Instant from, Instant to) {}

  private DateRange dateRange() {
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
        timestamp == null
                || timestamp.isNull()
                || (timestamp.isString() && timestamp.stringValue().isEmpty())
            ? "create"
            : timestamp.isString() ? timestamp.stringValue() : "";
    if (!which.equals("create") && !which.equals("update")) {
      throw new WireError(
          WireError.INVALID_PARAMETERS, "Invalid parameters: timestamp must be create or update");
    }
    return new DateRange(which.equals("create"), from, to);
  }

  /** Rows of REST representations: every value a string, date-times in the version's zone. */
  <T> WireAnswer rows(String key, WireRows<T> representations, Set<String> dateTimes) {
    return rows(key, representations, dateTimes, Set.of());
  }

  /**
   * Rows of REST representations without their REST-only properties (not in the schema), each
   * converted as the answer is written ({@link WireRows}).
   */
  <T> WireAnswer rows(
      String key, WireRows<T> representations, Set<String> dateTimes, Set<String> restOnly) {
    return WireAnswer.rows(key, representations.asRows(key, restOnly, mapper, values, dateTimes));
  }

  // ---- writes

  /** The objects of a write, converted to their types; at most 500, else nothing is done. */
  List<JsonNode> objects(Map<String, WireProperties> types) {
    JsonNode objects = params.get("objects");
    if (objects == null || !objects.isArray()) {
      throw new WireError(WireError.MISSING_OBJECTS, "Missing objects array");
    }
    if (objects.size() > ItemOutcome.MAX_ITEMS) {
      throw new WireError(
          WireError.TOO_MANY_OBJECTS, "Too many objects: at most " + ItemOutcome.MAX_ITEMS);
    }
    List<JsonNode> converted = new ArrayList<>();
    objects.forEach(object -> converted.add(values.in(object, types)));
    return converted;
  }

  /**
   * A write of the JSON objects among {@code objects}, one slot per entry in order: an entry that
   * is not a JSON object is malformed (208), the others are answered by what {@code write} made of
   * them.
   */
  WireAnswer writes(
      String key,
      List<JsonNode> objects,
      boolean creates,
      Function<List<JsonNode>, List<ItemOutcome>> write) {
    List<JsonNode> valid = objects.stream().filter(JsonNode::isObject).toList();
    List<ItemOutcome> outcomes = valid.isEmpty() ? List.of() : write.apply(valid);
    List<WireAnswer.Slot> slots = new ArrayList<>();
    int next = 0;
    for (JsonNode object : objects) {
      slots.add(
          object.isObject()
              ? WireAnswer.Slot.of(outcomes.get(next++), creates)
              : new WireAnswer.Slot(
                  new WireError(
                      WireError.MALFORMED_OBJECT,
                      "Object is malformed: each object must be a JSON object"),
                  null));
    }
    return WireAnswer.writes(key, slots);
  }

  /** The work of one object of a write: the id of what it created or changed, if any. */
  @FunctionalInterface
  interface ObjectWork {
    @Nullable Long apply(JsonNode object);
  }

  /** Each object on its own, in a savepoint of its own: one refused leaves the others done. */
  WireAnswer each(String key, List<JsonNode> objects, boolean creates, ObjectWork work) {
    return writes(
        key,
        objects,
        creates,
        valid ->
            savepoints.each(
                valid,
                (index, object) -> {
                  Long id = work.apply(object);
                  return new ItemOutcome.Applied(index, id == null ? 0 : id, creates);
                }));
  }

  /** createX: each object created on its own. */
  WireAnswer createEach(Map<String, WireProperties> types, ObjectWork create) {
    return each("creates", objects(types), true, create);
  }

  /**
   * updateX: each object's changes made on their own, as a merge patch of {@code type} applied to
   * the row the object names by id.
   */
  <T extends Record> WireAnswer updateEach(
      Map<String, WireProperties> types, Class<T> type, Change<T> change) {
    return each(
        "updates",
        objects(types),
        false,
        object -> change.apply(idOf(object), WireInput.changes(object, type)));
  }

  /** The change of one row of an updateX: the id of the row changed. */
  @FunctionalInterface
  interface Change<T extends Record> {
    long apply(long id, Submitted<T> changes);
  }

  /** deleteX: the row each object names by id deleted on its own. */
  WireAnswer deleteEach(LongConsumer delete) {
    return each(
        "deletes",
        objects(Map.of("id", WireProperties.INTEGER)),
        false,
        object -> {
          delete.accept(idOf(object));
          return null;
        });
  }

  /** The id an update or delete object names; refused (205) without one. */
  static long idOf(JsonNode object) {
    Long id = com.leadgencrm.opportunities.json.JsonInput.id(object);
    if (id == null) {
      throw new com.leadgencrm.opportunities.core.InvalidInput(
          "id", "is required: the id of the object");
    }
    return id;
  }
}
