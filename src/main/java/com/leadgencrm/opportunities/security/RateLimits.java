package com.leadgencrm.opportunities.security;

import com.leadgencrm.opportunities.web.ProblemWriter;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Per-key token buckets (Bucket4j) kept in PostgreSQL, so a key's limit holds across every instance
 * of the service. A key over its rate gets 429 with Retry-After; other keys are not affected.
 */
public class RateLimits extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(RateLimits.class);

  private final ProxyManager<String> buckets;
  private final SecurityProperties properties;
  private final ProblemWriter problems;

  RateLimits(DataSource dataSource, SecurityProperties properties, ProblemWriter problems) {
    this.buckets =
        Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
            .primaryKeyMapper(PrimaryKeyMapper.STRING)
            .table("rate_limit_bucket")
            .build();
    this.properties = properties;
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication instanceof ApiKeyAuthentication key && key.isAuthenticated()) {
      Long waitSeconds;
      try {
        waitSeconds = tryAcquire(key.keyId(), key.rateLimitPerSecond());
      } catch (RuntimeException e) {
        log.warn(
            "Rate limit store unavailable for {} {}: {}",
            request.getMethod(),
            request.getRequestURI(),
            e.toString());
        problems.write(
            request,
            response,
            HttpStatus.SERVICE_UNAVAILABLE,
            "The database is unavailable; retry shortly",
            Map.of("Retry-After", "1"));
        return;
      }
      if (waitSeconds != null) {
        problems.write(
            request,
            response,
            HttpStatus.TOO_MANY_REQUESTS,
            "Rate limit of API key " + key.keyId() + " exceeded; retry after " + waitSeconds + " s",
            Map.of("Retry-After", Long.toString(waitSeconds)));
        return;
      }
    }
    chain.doFilter(request, response);
  }

  /**
   * Takes one request from the key's bucket. Returns null when allowed, else the seconds until the
   * next request would be.
   */
  public @Nullable Long tryAcquire(String keyId, @Nullable Integer keyRate) {
    int rate = keyRate != null ? keyRate : properties.rateLimitPerSecond();
    if (rate <= 0) {
      return null;
    }
    int burst = keyRate != null ? 2 * keyRate : Math.max(properties.rateLimitBurst(), 1);
    BucketConfiguration configuration =
        BucketConfiguration.builder()
            .addLimit(limit -> limit.capacity(burst).refillGreedy(rate, Duration.ofSeconds(1)))
            .build();
    ConsumptionProbe probe =
        buckets
            .builder()
            // a changed limit replaces the stored one on the key's next request
            .withImplicitConfigurationReplacement(
                31L * rate + burst, TokensInheritanceStrategy.PROPORTIONALLY)
            .build(keyId, () -> configuration)
            .tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) {
      return null;
    }
    return Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
  }
}
