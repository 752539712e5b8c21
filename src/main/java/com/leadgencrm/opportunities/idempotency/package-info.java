/** Idempotency-Key: a retried POST is answered with the first answer, never done twice. */
@NullMarked
package com.leadgencrm.opportunities.idempotency;

import org.jspecify.annotations.NullMarked;
