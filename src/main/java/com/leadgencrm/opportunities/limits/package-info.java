/**
 * What bounds the work a request can start, whoever sends it: a time limit on every statement, a
 * bulkhead that keeps heavy reads to a few database connections, and a limit on the requests in
 * flight, so that overload is answered at once (503 with Retry-After) instead of queueing without
 * end.
 */
@NullMarked
package com.leadgencrm.opportunities.limits;

import org.jspecify.annotations.NullMarked;
