package com.leadgencrm.opportunities.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.core.Role;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The key cache's rules of trust, without time: what it answers, keeps and forgets. */
class KeyCacheUnitTest {

  static final KeyCache.Entry KEY = new KeyCache.Entry("ab".repeat(32), 7, Role.SALESPERSON, null);

  /** A cache whose listener listens, confirmed now, with a staleness no test run reaches. */
  static KeyCache listening() {
    KeyCache cache = new KeyCache(true, Duration.ofHours(1));
    cache.listening(System.nanoTime());
    return cache;
  }

  @Test
  void aKeyReadWhileListeningIsKeptAndAnswered() {
    KeyCache cache = listening();
    cache.put("k1", KEY, cache.ticket());
    assertThat(cache.get("k1")).isEqualTo(KEY);
    assertThat(cache.get("k2")).isNull();
  }

  @Test
  void aReadThatRacedWithAChangeIsNotKept() {
    KeyCache cache = listening();
    long ticket = cache.ticket();
    // the key changes (revoked, say) while the read that began before is still on its way
    cache.invalidate("k1");
    cache.put("k1", KEY, ticket);
    assertThat(cache.get("k1")).isNull();
    // even a change to another key makes the racing read unsafe to keep
    long other = cache.ticket();
    cache.invalidate("k2");
    cache.put("k1", KEY, other);
    assertThat(cache.get("k1")).isNull();
  }

  @Test
  void aChangedKeyIsForgotten() {
    KeyCache cache = listening();
    cache.put("k1", KEY, cache.ticket());
    cache.put("k2", KEY, cache.ticket());
    cache.invalidate("k1");
    assertThat(cache.get("k1")).isNull();
    assertThat(cache.get("k2")).isEqualTo(KEY);
    cache.invalidateAll();
    assertThat(cache.get("k2")).isNull();
  }

  @Test
  void nothingIsTrustedOrKeptWhileNotListening() {
    KeyCache cache = new KeyCache(true, Duration.ofHours(1));
    assertThat(cache.trusted()).isFalse();
    cache.put("k1", KEY, cache.ticket());
    cache.listening(System.nanoTime());
    assertThat(cache.get("k1")).isNull();

    cache.put("k1", KEY, cache.ticket());
    long ticket = cache.ticket();
    cache.notListening();
    assertThat(cache.trusted()).isFalse();
    assertThat(cache.get("k1")).isNull();
    cache.put("k1", KEY, ticket);
    // listening again: what was held before is gone, it may have missed changes
    cache.listening(System.nanoTime());
    assertThat(cache.get("k1")).isNull();
  }

  @Test
  void aCacheNotConfirmedWithinItsStalenessIsNotTrusted() {
    KeyCache cache = new KeyCache(true, Duration.ofMillis(100));
    cache.listening(System.nanoTime());
    cache.put("k1", KEY, cache.ticket());
    // the last confirmation an hour ago: changes since may not have arrived
    cache.confirmed(System.nanoTime() - Duration.ofHours(1).toNanos());
    assertThat(cache.trusted()).isFalse();
    assertThat(cache.get("k1")).isNull();
  }

  @Test
  void aDisabledCacheNeverAnswers() {
    KeyCache cache = new KeyCache(false, Duration.ofHours(1));
    cache.listening(System.nanoTime());
    cache.put("k1", KEY, cache.ticket());
    assertThat(cache.get("k1")).isNull();
  }

  @Test
  void aLocalChangeOutsideATransactionIsForgottenAtOnce() {
    KeyCache cache = listening();
    cache.put("k1", KEY, cache.ticket());
    cache.invalidateAfterCommit("k1");
    assertThat(cache.get("k1")).isNull();
  }
}
