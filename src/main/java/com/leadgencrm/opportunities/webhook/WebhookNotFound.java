package com.leadgencrm.opportunities.webhook;

import com.leadgencrm.opportunities.core.NotFound;

/** No webhook with this id. */
class WebhookNotFound extends NotFound {
  WebhookNotFound(long id) {
    super("Webhook", id);
  }
}
