package com.leadgencrm.opportunities.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** An all-or-nothing batch with a refused item writes nothing, and says so for every item. */
class AtomicBatchRefusedUnitTest {

  @Test
  void aBatchWithoutRefusalsGoesThrough() {
    AtomicBatchRefused.ifAnyRefused(
        new ItemOutcome[] {
          new ItemOutcome.Applied(0, 5, true), new ItemOutcome.Applied(1, 6, true)
        });
  }

  @Test
  void everyItemThatWasNotRefusedIsNotApplied() {
    ItemOutcome.Refused refused = new ItemOutcome.Refused(1, new NotFound("Deal stage", 9));
    assertThatThrownBy(
            () ->
                AtomicBatchRefused.ifAnyRefused(
                    new ItemOutcome[] {
                      new ItemOutcome.Applied(0, 5, true),
                      refused,
                      new ItemOutcome.Applied(2, 6, true)
                    }))
        .isInstanceOfSatisfying(
            AtomicBatchRefused.class,
            batch -> {
              assertThat(batch.outcomes())
                  .isEqualTo(
                      List.of(
                          new ItemOutcome.NotApplied(0), refused, new ItemOutcome.NotApplied(2)));
              assertThat(batch.getMessage())
                  .isEqualTo("The atomic batch was not applied: 1 items failed");
            });
  }
}
