package com.leadgencrm.opportunities.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A read whose cost grows with the data or the caller's filters (lists, wire-protocol {@code where}
 * and date ranges; summaries, exports and feeds to come): it runs within the heavy-read bulkhead,
 * so that however many of them arrive, they hold only a few of the database connections and cheap
 * requests (a read by id, a write) always find one. Beyond the bulkhead's waiting room, or after
 * waiting its limit, it is refused with {@link Overloaded}.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface HeavyRead {}
