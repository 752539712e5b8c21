package com.leadgencrm.opportunities.pubapi;

import com.leadgencrm.opportunities.core.IfMatch;
import com.leadgencrm.opportunities.core.InvalidInput;
import com.leadgencrm.opportunities.field.DataType;
import com.leadgencrm.opportunities.field.FieldInput;
import com.leadgencrm.opportunities.field.FieldService;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The Field family of the wire protocol. Only custom fields can be deleted (by systemName). */
@Component
class FieldMethods implements WireMethod.Table {

  private static final Map<String, WireProperties> TYPES = WireProperties.of(FieldInput.class);

  /**
   * What createFields fills in when a client gives only relationship, label and dataType, as the
   * protocol's documentation allows (dataLength comes from the data type).
   */
  private static final Map<String, Boolean> DEFAULTS =
      Map.of(
          "isRequired", false,
          "isCustom", true,
          "isActive", true,
          "isAvailableInContactManager", true,
          "isEditableInContactManager", true,
          "isAvailableInForms", false);

  private final FieldService fields;

  FieldMethods(FieldService fields) {
    this.fields = fields;
  }

  @Override
  public Map<String, WireMethod> methods() {
    return Map.of(
        "getField",
        call -> call.rows("field", call.one(id -> fields.get(id).body()), WireValues.TIMESTAMPS),
        "getFields",
        call -> call.rows("field", call.where(TYPES, fields::where), WireValues.TIMESTAMPS),
        "getFieldsDateRange",
        call -> call.rows("field", call.range(fields::between), WireValues.TIMESTAMPS),
        "createFields",
        call ->
            call.createEach(
                TYPES,
                object ->
                    fields
                        .create(WireInput.created(withDefaults(object), FieldInput.class))
                        .body()
                        .id()),
        "updateFields",
        call ->
            call.updateEach(
                TYPES,
                FieldInput.class,
                (id, changes) -> fields.patch(id, changes, IfMatch.NONE).body().id()),
        "deleteFields",
        call ->
            call.each(
                "deletes",
                call.objects(Map.of()),
                false,
                object -> {
                  JsonNode systemName = object.path("systemName");
                  if (!systemName.isString() || systemName.stringValue().isEmpty()) {
                    throw new InvalidInput(
                        "systemName", "is required: the systemName of the field to delete");
                  }
                  fields.deleteCustom(systemName.stringValue());
                  return null;
                }));
  }

  private static JsonNode withDefaults(JsonNode object) {
    if (!object.isObject()) {
      return object;
    }
    ObjectNode filled = ((ObjectNode) object).deepCopy();
    DEFAULTS.forEach(
        (name, value) -> {
          if (filled.path(name).isMissingNode() || filled.path(name).isNull()) {
            filled.put(name, value);
          }
        });
    DataType type =
        filled.path("dataType").isString()
            ? DataType.of(filled.path("dataType").stringValue())
            : null;
    if (type != null
        && (filled.path("dataLength").isMissingNode() || filled.path("dataLength").isNull())) {
      filled.put("dataLength", type.defaultLength());
    }
    return filled;
  }
}
