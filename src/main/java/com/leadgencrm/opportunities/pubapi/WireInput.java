package com.leadgencrm.opportunities.pubapi;

import com.leadgencrm.opportunities.core.RecordShape;
import com.leadgencrm.opportunities.core.Submitted;
import com.leadgencrm.opportunities.json.JsonInput;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The objects of wire-protocol writes as the services' commands, as leniently as real clients need
 * (SPEC §4): they send back the rows they fetched, so what the service sets itself (timestamps, and
 * the id of a new object) is ignored; and some send every property of their model, so in an update
 * null for a required property means "not given". Values were converted to their types before
 * ({@link WireValues}); everything else is read as strictly as over REST.
 */
final class WireInput {

  private static final Set<String> SERVER_SET = Set.of("createTimestamp", "updateTimestamp");

  private WireInput() {}

  /** An object that creates a resource. */
  static <T extends Record> Submitted<T> created(JsonNode object, Class<T> type) {
    return JsonInput.read(without(object, type, true, false), type);
  }

  /** The changes an update object makes to the resource its {@code id} names. */
  static <T extends Record> Submitted<T> changes(JsonNode object, Class<T> type) {
    return JsonInput.patch(without(object, type, true, true), type);
  }

  private static JsonNode without(
      JsonNode object, Class<? extends Record> type, boolean id, boolean requiredNulls) {
    if (!object.isObject()) {
      return object;
    }
    ObjectNode lenient = ((ObjectNode) object).deepCopy();
    SERVER_SET.forEach(lenient::remove);
    if (id) {
      lenient.remove("id");
    }
    if (requiredNulls) {
      for (RecordShape.Component component : RecordShape.of(type).components()) {
        JsonNode value = lenient.get(component.name());
        if (component.required() && value != null && value.isNull()) {
          lenient.remove(component.name());
        }
      }
    }
    return lenient;
  }
}
