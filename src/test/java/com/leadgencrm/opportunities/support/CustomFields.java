package com.leadgencrm.opportunities.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.support.Api.Reply;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Custom opportunity fields for tests, created over the REST API with every flag it requires. */
public final class CustomFields {

  private CustomFields() {}

  /**
   * A complete definition of an optional, active custom opportunity field, without a systemName
   * (the service makes one from the label); callers change what they test.
   */
  public static Map<String, Object> definition(String label, String dataType, int dataLength) {
    Map<String, Object> field = new HashMap<>();
    field.put("relationship", "opportunity");
    field.put("label", label);
    field.put("dataType", dataType);
    field.put("dataLength", dataLength);
    field.put("isRequired", false);
    field.put("isCustom", true);
    field.put("isActive", true);
    field.put("isAvailableInContactManager", true);
    field.put("isEditableInContactManager", true);
    field.put("isAvailableInForms", false);
    return field;
  }

  /** The same with a systemName: the prefix and a random tail (tests share one database). */
  public static Map<String, Object> body(
      String prefix, String label, String dataType, int dataLength) {
    Map<String, Object> field = definition(label, dataType, dataLength);
    field.put(
        "systemName",
        prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    return field;
  }

  /** Creates the field that body describes; answers the 201 reply. */
  public static Reply create(Api api, Map<String, Object> body) {
    Reply created = api.post("/fields", Api.json(body));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created;
  }

  /** Creates an optional custom field of this type and length; answers the 201 reply. */
  public static Reply create(Api api, String prefix, String dataType, int dataLength) {
    return create(api, body(prefix, prefix + " " + dataType, dataType, dataLength));
  }
}
