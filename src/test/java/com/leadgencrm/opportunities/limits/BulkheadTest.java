package com.leadgencrm.opportunities.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leadgencrm.opportunities.core.Overloaded;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** A bulkhead's rules, without Spring. */
class BulkheadTest {

  static Bulkhead bulkhead(int permits, int queue, Duration wait) {
    return new Bulkhead("test", "Busy", permits, queue, wait);
  }

  static void awaitWaiting(Bulkhead bulkhead, int waiting) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (bulkhead.waiting() < waiting && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(bulkhead.waiting()).isEqualTo(waiting);
  }

  @Test
  void runsAsManyAsItsPermitsAtOnce() {
    Bulkhead bulkhead = bulkhead(2, 0, Duration.ZERO);
    Bulkhead.Permit first = bulkhead.enter();
    Bulkhead.Permit second = bulkhead.enter();
    assertThat(bulkhead.running()).isEqualTo(2);
    assertThatThrownBy(bulkhead::enter)
        .isInstanceOf(Overloaded.class)
        .hasMessage("Busy (2 at once); retry after 1 s");
    first.close();
    first.close(); // closing twice gives back one permit only
    assertThat(bulkhead.running()).isEqualTo(1);
    bulkhead.enter().close();
    second.close();
    assertThat(bulkhead.running()).isZero();
    assertThat(bulkhead.refused()).isEqualTo(1);
  }

  @Test
  void aWaitingRunTakesThePermitThatIsGivenBack() throws Exception {
    Bulkhead bulkhead = bulkhead(1, 1, Duration.ofSeconds(10));
    Bulkhead.Permit running = bulkhead.enter();
    CompletableFuture<Bulkhead.Permit> waiting = CompletableFuture.supplyAsync(bulkhead::enter);
    awaitWaiting(bulkhead, 1);
    running.close();
    waiting.get(5, TimeUnit.SECONDS).close();
    assertThat(bulkhead.waiting()).isZero();
    assertThat(bulkhead.refused()).isZero();
  }

  @Test
  void beyondTheWaitingRoomItRefusesAtOnce() throws Exception {
    Bulkhead bulkhead = bulkhead(1, 1, Duration.ofSeconds(10));
    Bulkhead.Permit running = bulkhead.enter();
    CompletableFuture<Bulkhead.Permit> waiting = CompletableFuture.supplyAsync(bulkhead::enter);
    awaitWaiting(bulkhead, 1);
    long start = System.nanoTime();
    assertThatThrownBy(bulkhead::enter)
        .isInstanceOfSatisfying(
            Overloaded.class, e -> assertThat(e.retryAfterSeconds()).isEqualTo(1));
    assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(5));
    running.close();
    waiting.get(5, TimeUnit.SECONDS).close();
  }

  @Test
  void aRunThatWaitedItsLimitIsRefused() {
    Bulkhead bulkhead = bulkhead(1, 1, Duration.ofMillis(50));
    try (Bulkhead.Permit running = bulkhead.enter()) {
      assertThatThrownBy(bulkhead::enter).isInstanceOf(Overloaded.class);
      assertThat(bulkhead.waiting()).isZero();
    }
  }

  @Test
  void aCallerHoldingAConnectionDoesNotWait() {
    Bulkhead bulkhead = bulkhead(1, 1, Duration.ofSeconds(10));
    try (Bulkhead.Permit running = bulkhead.enter()) {
      TransactionSynchronizationManager.setActualTransactionActive(true);
      long start = System.nanoTime();
      assertThatThrownBy(bulkhead::enter).isInstanceOf(Overloaded.class);
      assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(5));
    } finally {
      TransactionSynchronizationManager.setActualTransactionActive(false);
    }
  }
}
