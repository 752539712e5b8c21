package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.InvalidField;
import com.leadgencrm.opportunities.core.Submitted;
import com.leadgencrm.opportunities.core.Values.TypeMismatch;
import com.leadgencrm.opportunities.field.FieldRef;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Takes the custom-field properties of one opportunity write: validates each by its field's
 * definition and keeps its stored form; a property that names no active custom field is an error.
 */
final class CustomInput {

  private final CustomFieldDefinitions definitions;
  private final CustomValues values;
  private final Map<String, Object> given = new TreeMap<>();

  CustomFieldDefinitions definitions() {
    return definitions;
  }

  CustomInput(CustomFieldDefinitions definitions, CustomValues values) {
    this.definitions = definitions;
    this.values = values;
  }

  /** Takes properties (null clears one), adding an error for each that is invalid. */
  CustomInput take(Map<String, @Nullable Object> properties, List<InvalidField> errors) {
    properties.forEach((name, value) -> take(name, value, errors));
    return this;
  }

  private void take(String name, @Nullable Object value, List<InvalidField> errors) {
    FieldRef field = definitions.active(name);
    if (field == null) {
      errors.add(
          new InvalidField(
              name,
              definitions.inactive(name)
                  ? "is an inactive custom field: activate it to write it"
                  : "is not a property of this resource"));
      return;
    }
    if (value == null) {
      given.remove(name);
      return;
    }
    try {
      given.put(name, values.stored(field, value));
    } catch (TypeMismatch e) {
      errors.add(new InvalidField(name, e.getMessage()));
    }
  }

  /**
   * Errors for required active fields the submission lacks: any it does not give a value (a whole
   * resource), or, for a merge patch ({@code explicitNullOnly}), any it clears.
   */
  static void requireFields(
      CustomFieldDefinitions definitions,
      Submitted<?> submitted,
      boolean explicitNullOnly,
      List<InvalidField> errors) {
    for (FieldRef field : definitions.active().values()) {
      if (!field.isRequired()) {
        continue;
      }
      String name = field.systemName();
      boolean missing =
          explicitNullOnly ? submitted.names(name) && !submitted.says(name) : !submitted.says(name);
      if (missing) {
        errors.add(new InvalidField(name, "is required"));
      }
    }
  }

  /**
   * The custom values to store: the given values of active fields, and whatever was stored for
   * inactive fields (kept until the field is reactivated or deleted).
   */
  Map<String, Object> stored(Map<String, Object> previous) {
    Map<String, Object> stored = new TreeMap<>(given);
    previous.forEach(
        (name, value) -> {
          if (definitions.inactive(name)) {
            stored.put(name, value);
          }
        });
    return stored;
  }
}
