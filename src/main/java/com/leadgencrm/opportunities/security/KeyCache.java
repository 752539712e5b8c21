package com.leadgencrm.opportunities.security;

import com.leadgencrm.opportunities.core.Role;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The API keys this instance has verified, so that checking a key costs no database round trip.
 *
 * <p>The cache is trusted only while {@link CacheListener} listens for changes on a live connection
 * and has confirmed, less than {@code maxStaleness} ago, that every change committed before then
 * has reached it (its heartbeat: notifications committed before a statement are delivered before
 * the statement's answer). Otherwise (not yet connected, connection lost, reconnecting, heartbeat
 * late under load) every key is checked in the database, as without a cache. A change is therefore
 * never trusted away for longer than {@code maxStaleness}, whatever happens to the connection.
 *
 * <p>An entry read from the database is kept only if no change was announced since that read began
 * (the epoch): a read racing with a revocation cannot bring the revoked key back.
 */
final class KeyCache {

  /** What a valid key's row says: its secret's hash, and the caller it stands for. */
  record Entry(String secretHash, long userId, Role role, @Nullable Integer rateLimitPerSecond) {}

  /** Beyond this many keys, new ones are not cached (a service has far fewer). */
  static final int MAX_ENTRIES = 10_000;

  private final boolean enabled;
  private final long maxStalenessNanos;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicLong epoch = new AtomicLong();
  private volatile boolean listening;
  private volatile long confirmedNanos;
  private final LongAdder answered = new LongAdder();
  private final LongAdder missed = new LongAdder();

  KeyCache(boolean enabled, Duration maxStaleness) {
    this.enabled = enabled;
    this.maxStalenessNanos = maxStaleness.toNanos();
  }

  boolean enabled() {
    return enabled;
  }

  /** Whether the cache may answer now. */
  boolean trusted() {
    return enabled && listening && System.nanoTime() - confirmedNanos <= maxStalenessNanos;
  }

  /** The key's entry when the cache is trusted and holds it, else null (ask the database). */
  @Nullable Entry get(String keyId) {
    Entry entry = trusted() ? entries.get(keyId) : null;
    (entry != null ? answered : missed).increment();
    return entry;
  }

  /** Key checks answered from the cache. */
  double answered() {
    return answered.sum();
  }

  /** Key checks that went to the database (not cached, or the cache not trusted at the time). */
  double missed() {
    return missed.sum();
  }

  /** Taken before reading a key from the database, and handed to {@link #put}. */
  long ticket() {
    return epoch.get();
  }

  /** Keeps a key read from the database, unless a change was announced since its ticket. */
  void put(String keyId, Entry entry, long ticket) {
    if (!enabled || !listening || entries.size() >= MAX_ENTRIES) {
      return;
    }
    // atomic with invalidate(keyId): its epoch step comes before its removal, so either this sees
    // the new epoch, or the removal comes after this
    entries.compute(keyId, (id, old) -> listening && epoch.get() == ticket ? entry : old);
  }

  void invalidate(String keyId) {
    epoch.incrementAndGet();
    entries.remove(keyId);
  }

  void invalidateAll() {
    epoch.incrementAndGet();
    entries.clear();
  }

  /**
   * After the current transaction commits (at once without one): this instance changed the key, and
   * must not wait for the notification to stop trusting what it holds.
   */
  void invalidateAfterCommit(String keyId) {
    invalidate(keyId);
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              invalidate(keyId);
            }
          });
    }
  }

  /**
   * The listener listens (again): nothing cached before can be trusted, since changes may have been
   * missed while it did not.
   *
   * @param sinceNanos when the LISTEN was sent
   */
  void listening(long sinceNanos) {
    invalidateAll();
    confirmedNanos = sinceNanos;
    listening = true;
  }

  /** Every change committed before this moment ({@link System#nanoTime}) has been applied. */
  void confirmed(long nanos) {
    confirmedNanos = nanos;
  }

  /** The listener's connection is gone: check every key in the database until it listens again. */
  void notListening() {
    listening = false;
    invalidateAll();
  }

  int size() {
    return entries.size();
  }
}
