package com.leadgencrm.opportunities.security;

import com.leadgencrm.opportunities.core.NotFound;

/** No API key has this id. */
class ApiKeyNotFound extends NotFound {
  ApiKeyNotFound(String keyId) {
    super("API key", keyId);
  }
}
