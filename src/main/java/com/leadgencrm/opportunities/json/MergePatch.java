package com.leadgencrm.opportunities.json;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON Merge Patch (RFC 7396). The algorithm is the RFC's own pseudo-code, a handful of lines; the
 * libraries that offer it are built on Jackson 2 or JSON-P and would need a second JSON model.
 */
public final class MergePatch {

  private MergePatch() {}

  /** Returns {@code target} with {@code patch} applied; neither argument is modified. */
  public static JsonNode apply(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result =
        target.isObject()
            ? ((ObjectNode) target).deepCopy()
            : JsonNodeFactory.instance.objectNode();
    for (var member : patch.properties()) {
      if (member.getValue().isNull()) {
        result.remove(member.getKey());
      } else {
        result.set(member.getKey(), apply(result.path(member.getKey()), member.getValue()));
      }
    }
    return result;
  }
}
