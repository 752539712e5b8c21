package com.leadgencrm.opportunities.idempotency;

import java.util.List;
import java.util.Map;

/** An answer as it was first given: status, headers and body bytes. */
record StoredResponse(int status, Map<String, List<String>> headers, byte[] body) {}
