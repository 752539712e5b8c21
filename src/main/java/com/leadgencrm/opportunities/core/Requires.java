package com.leadgencrm.opportunities.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The permission a service operation needs. Checked before the method runs, whichever protocol
 * called it: a caller whose role lacks it is refused (403 over REST, code 105 on the wire
 * protocol), and nothing runs.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Requires {
  Permission value();
}
