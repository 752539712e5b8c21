/**
 * Webhooks: endpoints that receive every event of the types they name, signed as Standard Webhooks
 * 1.0 prescribes, delivered at least once off the request path by a cluster-safe dispatcher over
 * PostgreSQL.
 */
@NullMarked
package com.leadgencrm.opportunities.webhook;

import org.jspecify.annotations.NullMarked;
