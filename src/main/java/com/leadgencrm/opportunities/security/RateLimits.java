package com.leadgencrm.opportunities.security;

import com.zaxxer.hikari.HikariDataSource;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimization;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;

/**
 * Per-key token buckets (Bucket4j) kept in PostgreSQL, so a key's limit holds across every instance
 * of the service. A key over its rate gets 429 with Retry-After; other keys are not affected. Every
 * answer to a limited key carries the state of its bucket in {@code RateLimit-Policy} and {@code
 * RateLimit} (IETF httpapi ratelimit-headers draft).
 *
 * <p>The buckets have a connection pool of their own whose commits do not wait for the disk ({@code
 * synchronous_commit = off}: a crash may forget the last few tokens taken, never a business write),
 * and one bucket proxy per key batches the requests that arrive while the key's bucket row is
 * locked into one round trip (Bucket4j's batching optimization); keys with high limits sync their
 * bucket about every 100 ms instead (see {@link #optimization}).
 */
public class RateLimits implements DisposableBean {

  static final String POLICY = "RateLimit-Policy";
  static final String STATE = "RateLimit";

  private final HikariDataSource pool;
  private final ProxyManager<String> buckets;
  private final SecurityProperties properties;
  private final Map<String, BucketProxy> proxies = new ConcurrentHashMap<>();

  RateLimits(HikariDataSource pool, SecurityProperties properties) {
    this.pool = pool;
    this.buckets =
        Bucket4jPostgreSQL.selectForUpdateBasedBuilder(pool)
            .primaryKeyMapper(PrimaryKeyMapper.STRING)
            .table("rate_limit_bucket")
            .build();
    this.properties = properties;
  }

  /**
   * Takes one request from the key's bucket. Returns null when allowed, else the seconds until the
   * next request would be.
   */
  public @Nullable Long tryAcquire(String keyId, @Nullable Integer keyRate) {
    Quota quota = take(keyId, keyRate);
    return quota == null || quota.allowed() ? null : quota.retryAfterSeconds();
  }

  /**
   * A key's bucket after a request took (or failed to take) its token, as the {@code
   * RateLimit-Policy} and {@code RateLimit} header fields of the IETF httpapi draft say it: the
   * bucket holds {@code q} requests (the burst) and fills up again within {@code w} seconds; {@code
   * r} requests remain, and the bucket is full again in {@code t} seconds.
   */
  record Quota(
      boolean allowed, int burst, int window, long remaining, long reset, long retryAfterSeconds) {

    String policy() {
      return "\"key\";q=" + burst + ";w=" + window;
    }

    String state() {
      return "\"key\";r=" + remaining + ";t=" + reset;
    }
  }

  /** Takes one request from the key's bucket; null when the key is not limited. */
  @Nullable Quota take(String keyId, @Nullable Integer keyRate) {
    int rate = keyRate != null ? keyRate : properties.rateLimitPerSecond();
    if (rate <= 0) {
      return null;
    }
    int burst = keyRate != null ? 2 * keyRate : Math.max(properties.rateLimitBurst(), 1);
    // a proxy holds no state of its own (the bucket is in the database): one per key and limits
    BucketProxy bucket =
        proxies.computeIfAbsent(
            keyId + "/" + rate + "/" + burst,
            ignored ->
                buckets
                    .builder()
                    .withOptimization(optimization(rate))
                    // a changed limit replaces the stored one on the key's next request
                    .withImplicitConfigurationReplacement(
                        31L * rate + burst, TokensInheritanceStrategy.PROPORTIONALLY)
                    .build(
                        keyId,
                        () ->
                            BucketConfiguration.builder()
                                .addLimit(
                                    limit ->
                                        limit
                                            .capacity(burst)
                                            .refillGreedy(rate, Duration.ofSeconds(1)))
                                .build()));
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    int window = (int) Math.max(1, ((long) burst + rate - 1) / rate);
    long reset = seconds(probe.getNanosToWaitForReset());
    if (probe.isConsumed()) {
      return new Quota(true, burst, window, probe.getRemainingTokens(), reset, 0);
    }
    long retryAfter = Math.max(1, seconds(probe.getNanosToWaitForRefill()));
    return new Quota(false, burst, window, 0, Math.max(reset, retryAfter), retryAfter);
  }

  /** Whole seconds, rounded up. */
  private static long seconds(long nanos) {
    return (Math.max(0, nanos) + 999_999_999L) / 1_000_000_000L;
  }

  /**
   * How a key's bucket proxy talks to the database. Below 100 requests per second every request
   * takes its token in the database (concurrent ones share a round trip). From 100 per second on,
   * an instance may take up to 1% of a second's tokens locally, or for at most 100 ms, before it
   * writes them back: the limit then holds across instances within about 1% per instance, and a
   * busy key costs about 10 round trips per second instead of one per request.
   */
  static Optimization optimization(int rate) {
    if (rate < 100) {
      return Optimizations.batching();
    }
    return Optimizations.delaying(new DelayParameters(rate / 100, Duration.ofMillis(100)));
  }

  @Override
  public void destroy() {
    pool.close();
  }
}
