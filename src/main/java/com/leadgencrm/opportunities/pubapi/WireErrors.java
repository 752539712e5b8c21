package com.leadgencrm.opportunities.pubapi;

import com.leadgencrm.opportunities.core.AlreadyExists;
import com.leadgencrm.opportunities.core.Conflict;
import com.leadgencrm.opportunities.core.Forbidden;
import com.leadgencrm.opportunities.core.InvalidField;
import com.leadgencrm.opportunities.core.InvalidInput;
import com.leadgencrm.opportunities.core.NotFound;
import com.leadgencrm.opportunities.core.PreconditionFailed;
import com.leadgencrm.opportunities.core.Refusal;
import com.leadgencrm.opportunities.field.NotACustomField;
import java.util.List;
import java.util.Map;

/** The wire protocol's answer to each of the service's refusals, by type (SPEC §4). */
final class WireErrors {

  private WireErrors() {}

  /**
   * Already exists: 301 (with the existing id when known); not found, conflicting or stale: 302; an
   * invalid field or value: 205 listing the fields.
   */
  static WireError of(Refusal refusal) {
    String detail = refusal.getMessage();
    if (refusal instanceof AlreadyExists) {
      Object existing = ((Conflict) refusal).properties().get("existingId");
      return new WireError(
          WireError.ENTRY_EXISTS,
          "Entry already exists: " + detail,
          existing == null ? List.of() : List.of(Map.of("id", existing)));
    }
    if (refusal instanceof NotACustomField) {
      return new WireError(WireError.ONLY_CUSTOM_FIELDS, "Only custom fields can be deleted");
    }
    if (refusal instanceof NotFound
        || refusal instanceof Conflict
        || refusal instanceof PreconditionFailed) {
      return new WireError(WireError.NO_ROWS_AFFECTED, "No table rows affected: " + detail);
    }
    if (refusal instanceof InvalidInput invalid) {
      return invalid(invalid.errors());
    }
    if (refusal instanceof Forbidden forbidden && !forbidden.field().isEmpty()) {
      return invalid(List.of(new InvalidField(forbidden.field(), detail)));
    }
    return new WireError(
        WireError.INVALID_PARAMETERS,
        "Invalid parameters: " + detail,
        List.of(Map.of("message", detail)));
  }

  /** 205, naming every invalid field. */
  static WireError invalid(List<InvalidField> errors) {
    return new WireError(
        WireError.INVALID_PARAMETERS,
        errors.size() == 1
            ? "Invalid parameters: "
                + (errors.get(0).field().isEmpty() ? "" : errors.get(0).field() + " ")
                + errors.get(0).message()
            : "Invalid parameters: " + errors.size() + " invalid fields; see data",
        errors);
  }
}
