package com.leadgencrm.opportunities.security;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Credentials and limits, from {@code crm.*} (application.yml maps the documented environment
 * variables onto them).
 *
 * @param bootstrapKey {@code <keyId>.<secret>} of an Administrator key to make sure of at start-up
 * @param bootstrapUserId the user of that key
 * @param rateLimitPerSecond requests per second per key when the key sets none; 0 turns limits off
 * @param rateLimitBurst requests a key may make at once before the per-second rate applies
 * @param maxRequestBytes largest request body accepted (413 beyond)
 * @param keyCache whether verified keys (and the field catalog's version) are kept in memory,
 *     invalidated through PostgreSQL notifications ({@link KeyCache}); false checks every request's
 *     key in the database
 * @param keyCacheMaxStaleness the longest a change to a key or a field may take to reach this
 *     instance: beyond it without a heartbeat, the cache is not trusted
 */
@ConfigurationProperties("crm.security")
public record SecurityProperties(
    @Nullable String bootstrapKey,
    @DefaultValue("1") long bootstrapUserId,
    @DefaultValue("10") int rateLimitPerSecond,
    @DefaultValue("20") int rateLimitBurst,
    @DefaultValue("2097152") long maxRequestBytes,
    @DefaultValue("true") boolean keyCache,
    @DefaultValue("100ms") Duration keyCacheMaxStaleness) {}
