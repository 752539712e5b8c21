package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.InvalidField;
import com.leadgencrm.opportunities.field.FieldRef;
import com.leadgencrm.opportunities.json.JsonInput;
import com.leadgencrm.opportunities.json.JsonValues.TypeMismatch;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Takes the custom-field properties of one opportunity write: validates each by its field's
 * definition and keeps its stored form.
 */
final class CustomInput implements JsonInput.ExtraProperties {

  private final CustomFieldDefinitions definitions;
  private final CustomValues values;
  private final Map<String, JsonNode> given = new TreeMap<>();

  CustomInput(CustomFieldDefinitions definitions, CustomValues values) {
    this.definitions = definitions;
    this.values = values;
  }

  @Override
  public boolean accept(String name, JsonNode value, List<InvalidField> errors) {
    FieldRef field = definitions.active(name);
    if (field == null) {
      if (definitions.inactive(name)) {
        errors.add(new InvalidField(name, "is an inactive custom field: activate it to write it"));
        return true;
      }
      return false;
    }
    if (value.isNull()) {
      given.remove(name);
      return true;
    }
    try {
      given.put(name, values.stored(field, value));
    } catch (TypeMismatch e) {
      errors.add(new InvalidField(name, e.getMessage()));
    }
    return true;
  }

  /**
   * Errors for required active fields the document lacks: any that is absent or null, or (for a
   * merge patch, {@code explicitNullOnly}) any that it sets to null.
   */
  static void requireFields(
      CustomFieldDefinitions definitions,
      @Nullable JsonNode document,
      boolean explicitNullOnly,
      List<InvalidField> errors) {
    if (document == null || !document.isObject()) {
      return;
    }
    for (FieldRef field : definitions.active().values()) {
      if (!field.isRequired()) {
        continue;
      }
      JsonNode value = document.get(field.systemName());
      boolean missing =
          explicitNullOnly ? value != null && value.isNull() : value == null || value.isNull();
      if (missing) {
        errors.add(new InvalidField(field.systemName(), "is required"));
      }
    }
  }

  /**
   * The custom values to store: the given values of active fields, and whatever was stored for
   * inactive fields (kept until the field is reactivated or deleted).
   */
  String json(JsonMapper mapper, @Nullable String previous) {
    ObjectNode stored = mapper.createObjectNode();
    Map<String, JsonNode> all = new TreeMap<>(given);
    if (previous != null) {
      for (var member : mapper.readTree(previous).properties()) {
        if (definitions.inactive(member.getKey())) {
          all.put(member.getKey(), member.getValue());
        }
      }
    }
    all.forEach(stored::set);
    return mapper.writeValueAsString(stored);
  }
}
