package com.leadgencrm.opportunities.support;

import static com.leadgencrm.opportunities.support.Api.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The custom opportunity fields the generated clients are built with: one of each data type, with
 * fixed systemNames, so that the document written by {@code LiveDocumentTest} and the service the
 * generated clients talk to in the integration tests (another JVM, another database) agree.
 */
public final class ContractFields {

  private ContractFields() {}

  /** systemName to dataType and dataLength. */
  public static final Map<String, Object[]> FIELDS = new LinkedHashMap<>();

  static {
    FIELDS.put("contract_type", new Object[] {"text", 50});
    FIELDS.put("seats", new Object[] {"integer", 18});
    FIELDS.put("discount_rate", new Object[] {"number", 20});
    FIELDS.put("is_strategic", new Object[] {"boolean", 1});
    FIELDS.put("renewal_date", new Object[] {"date", 10});
    FIELDS.put("signed_at", new Object[] {"datetime", 30});
    FIELDS.put("buyer_email", new Object[] {"email", 100});
    FIELDS.put("deal_url", new Object[] {"url", 255});
    FIELDS.put("buyer_phone", new Object[] {"phone", 40});
  }

  /** Makes sure the fields exist and are active; returns their ids. */
  public static List<Long> ensure(Api api) {
    List<Long> ids = new ArrayList<>();
    for (var field : FIELDS.entrySet()) {
      JsonNode existing =
          api.get("/fields?relationship=opportunity&systemName=" + field.getKey())
              .json()
              .path("items");
      if (!existing.isEmpty()) {
        long id = existing.get(0).path("id").asLong();
        api.patch("/fields/" + id, "{\"isActive\": true}");
        ids.add(id);
        continue;
      }
      Map<String, Object> definition = new LinkedHashMap<>();
      definition.put("relationship", "opportunity");
      definition.put("systemName", field.getKey());
      definition.put("label", field.getKey().replace('_', ' '));
      definition.put("dataType", field.getValue()[0]);
      definition.put("dataLength", field.getValue()[1]);
      definition.put("isRequired", false);
      definition.put("isCustom", true);
      definition.put("isActive", true);
      definition.put("isAvailableInContactManager", true);
      definition.put("isEditableInContactManager", true);
      definition.put("isAvailableInForms", false);
      Api.Reply created = api.post("/fields", json(definition));
      if (created.status() != 201) {
        throw new IllegalStateException("Cannot create field " + field.getKey() + ": " + created);
      }
      ids.add(created.id());
    }
    return ids;
  }
}
