package com.leadgencrm.opportunities.webhook;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhook delivery settings, from {@code crm.webhooks.*}.
 *
 * @param allowPrivateNetworks development and tests only ({@code
 *     CRM_WEBHOOKS_ALLOW_PRIVATE_NETWORKS}): URLs may use http and reach loopback, private and
 *     link-local addresses
 * @param timeout how long a receiver has to answer an attempt
 * @param pollInterval how often an instance looks for endpoints with work (events sequenced on the
 *     same instance wake it at once)
 * @param endpoints endpoints one instance serves at once (each on a thread of its own)
 * @param concurrencyPerEndpoint attempts in flight to one endpoint at once
 * @param lease how long an instance holds an endpoint before another may take it over (renewed
 *     while it works; longer than the timeout)
 * @param workPerLease how long an instance keeps an endpoint before giving others their turn
 * @param deactivateAfter an endpoint whose every attempt failed for this long is deactivated
 * @param secretOverlap how long the secret before a rotation still signs deliveries
 */
@ConfigurationProperties("crm.webhooks")
public record WebhookProperties(
    @DefaultValue("false") boolean allowPrivateNetworks,
    @DefaultValue("10s") Duration timeout,
    @DefaultValue("250ms") Duration pollInterval,
    @DefaultValue("8") int endpoints,
    @DefaultValue("4") int concurrencyPerEndpoint,
    @DefaultValue("60s") Duration lease,
    @DefaultValue("10s") Duration workPerLease,
    @DefaultValue("5d") Duration deactivateAfter,
    @DefaultValue("24h") Duration secretOverlap) {}
