package com.leadgencrm.opportunities.webhook;

import com.leadgencrm.opportunities.event.EventTypes;
import com.leadgencrm.opportunities.web.InvalidField;
import com.leadgencrm.opportunities.web.InvalidRequest;
import com.leadgencrm.opportunities.web.JsonValues;
import com.leadgencrm.opportunities.web.MergePatch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads webhook input from JSON, naming every invalid property at once: types, lengths, known event
 * types, and where the URL may point.
 */
@Component
class WebhookInputs {

  private static final Set<String> WRITABLE = Set.of("url", "types", "description", "isActive");
  private static final Set<String> READ_ONLY =
      Set.of(
          "id",
          "createTimestamp",
          "updateTimestamp",
          "secret",
          "failingSince",
          "deactivatedReason",
          "previousSecretExpiresAt");

  private final WebhookTargets targets;

  WebhookInputs(WebhookTargets targets) {
    this.targets = targets;
  }

  WebhookInput read(@Nullable JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new InvalidRequest("", "the request body must be a JSON object");
    }
    List<InvalidField> errors = new ArrayList<>();
    for (var member : body.properties()) {
      String name = member.getKey();
      if (READ_ONLY.contains(name)) {
        errors.add(new InvalidField(name, "is read-only"));
      } else if (!WRITABLE.contains(name)) {
        errors.add(
            new InvalidField(
                JsonValues.isValidText(name) ? name : "", "is not a property of a webhook"));
      }
    }
    String url = text(body, "url", 2048, true, errors);
    if (url != null) {
      String problem = targets.problem(url);
      if (problem != null) {
        errors.add(new InvalidField("url", problem));
      }
    }
    List<String> types = types(body.get("types"), errors);
    String description = text(body, "description", 255, false, errors);
    Boolean isActive = null;
    JsonNode active = body.get("isActive");
    if (active != null && !active.isNull()) {
      if (active.isBoolean()) {
        isActive = active.booleanValue();
      } else {
        errors.add(new InvalidField("isActive", "must be true or false"));
      }
    }
    if (!errors.isEmpty()) {
      errors.sort(Comparator.comparing(InvalidField::field).thenComparing(InvalidField::message));
      throw new InvalidRequest(errors);
    }
    return new WebhookInput(url == null ? "" : url, types, description, isActive);
  }

  /** Applies a JSON Merge Patch to the webhook's writable properties, then reads the result. */
  WebhookInput patched(WebhookInput current, @Nullable JsonNode patch) {
    if (patch == null || !patch.isObject()) {
      throw new InvalidRequest("", "the request body must be a JSON object (a JSON Merge Patch)");
    }
    ObjectNode writable = JsonNodeFactory.instance.objectNode();
    writable.put("url", current.url());
    current.types().forEach(writable.putArray("types")::add);
    writable.put("description", current.description());
    writable.put("isActive", current.isActive() == null || current.isActive());
    return read(MergePatch.apply(writable, patch));
  }

  private static @Nullable String text(
      JsonNode body, String name, int maxLength, boolean required, List<InvalidField> errors) {
    JsonNode node = body.get(name);
    if (node == null || node.isNull()) {
      if (required) {
        errors.add(new InvalidField(name, "is required"));
      }
      return null;
    }
    try {
      String value = JsonValues.string(node);
      if (value.length() > maxLength || (required && value.isEmpty())) {
        errors.add(
            new InvalidField(
                name, "size must be between " + (required ? 1 : 0) + " and " + maxLength));
        return null;
      }
      return value;
    } catch (JsonValues.TypeMismatch e) {
      errors.add(new InvalidField(name, e.getMessage()));
      return null;
    }
  }

  private static List<String> types(@Nullable JsonNode node, List<InvalidField> errors) {
    if (node == null || node.isNull()) {
      errors.add(new InvalidField("types", "is required"));
      return List.of();
    }
    if (!node.isArray() || node.isEmpty() || node.size() > 50) {
      errors.add(new InvalidField("types", "must be an array of 1 to 50 event types"));
      return List.of();
    }
    Set<String> types = new LinkedHashSet<>();
    for (JsonNode type : node) {
      if (!type.isString() || !EventTypes.isPattern(type.stringValue())) {
        errors.add(new InvalidField("types", "each must be " + EventTypes.described()));
        return List.of();
      }
      types.add(type.stringValue());
    }
    return List.copyOf(types);
  }
}
