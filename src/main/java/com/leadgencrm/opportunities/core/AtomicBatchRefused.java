package com.leadgencrm.opportunities.core;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An all-or-nothing batch in which some items were refused: nothing was written. Every item's
 * outcome says why: refused, or not applied because of the others.
 */
public final class AtomicBatchRefused extends RuntimeException {

  private final List<ItemOutcome> outcomes;

  /** From the outcomes of the items that were refused; every other item was not applied. */
  public AtomicBatchRefused(List<ItemOutcome.@Nullable Refused> refused) {
    super(
        "The atomic batch was not applied: "
            + refused.stream().filter(r -> r != null).count()
            + " items failed");
    List<ItemOutcome> all = new ArrayList<>();
    for (int i = 0; i < refused.size(); i++) {
      ItemOutcome.Refused outcome = refused.get(i);
      all.add(outcome != null ? outcome : new ItemOutcome.NotApplied(i));
    }
    this.outcomes = List.copyOf(all);
  }

  public List<ItemOutcome> outcomes() {
    return outcomes;
  }

  /** Refuses the batch when any outcome is a refusal. */
  public static void ifAnyRefused(ItemOutcome[] outcomes) {
    List<ItemOutcome.@Nullable Refused> refused = new ArrayList<>();
    boolean any = false;
    for (ItemOutcome outcome : outcomes) {
      if (outcome instanceof ItemOutcome.Refused r) {
        refused.add(r);
        any = true;
      } else {
        refused.add(null);
      }
    }
    if (any) {
      throw new AtomicBatchRefused(refused);
    }
  }
}
