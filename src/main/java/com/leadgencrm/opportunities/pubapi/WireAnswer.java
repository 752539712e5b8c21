package com.leadgencrm.opportunities.pubapi;

import com.leadgencrm.opportunities.core.ItemOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a call answers: its {@code result} and {@code error}. A read's result holds its rows; a
 * write's holds one slot per object, and its error is the array of the failed slots' errors.
 *
 * @param stored whether the answer is kept for a retry with the same Idempotency-Key: writes are,
 *     reads never (they change nothing, and a retry should read afresh)
 */
record WireAnswer(@Nullable Object result, @Nullable Object error, boolean stored) {

  static WireAnswer failed(WireError error) {
    return new WireAnswer(null, error.object(), error.isFinal());
  }

  /** A read's result, {@code {key: [rows]}}: its rows are read as the answer is written. */
  record Rows(String key, WireRows<Map<String, @Nullable Object>> rows) {}

  static WireAnswer rows(String key, WireRows<Map<String, @Nullable Object>> rows) {
    return new WireAnswer(new Rows(key, rows), null, false);
  }

  /** One slot of a write: success (with the id of a create), or the object's error. */
  record Slot(@Nullable WireError error, @Nullable Long id) {

    static Slot of(ItemOutcome outcome, boolean creates) {
      if (outcome instanceof ItemOutcome.Applied applied) {
        return new Slot(null, creates ? applied.id() : null);
      }
      if (outcome instanceof ItemOutcome.Refused refused) {
        return new Slot(WireErrors.of(refused.refusal()), null);
      }
      throw new IllegalStateException("Wire-protocol writes are never all-or-nothing");
    }
  }

  static WireAnswer writes(String key, List<Slot> slots) {
    List<Map<String, @Nullable Object>> results = new ArrayList<>();
    List<Map<String, Object>> failures = new ArrayList<>();
    for (Slot slot : slots) {
      Map<String, @Nullable Object> result = new LinkedHashMap<>();
      result.put("success", slot.error() == null);
      result.put("error", slot.error() == null ? null : slot.error().object());
      if (slot.id() != null) {
        result.put("id", slot.id());
      }
      results.add(result);
      if (slot.error() != null) {
        failures.add(slot.error().object());
      }
    }
    return new WireAnswer(Map.of(key, results), failures.isEmpty() ? null : failures, true);
  }
}
