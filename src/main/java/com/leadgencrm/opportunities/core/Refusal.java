package com.leadgencrm.opportunities.core;

/**
 * One of the service's own refusals, named as the fact it is ({@code DealStageInUse}, {@code
 * StaleVersion}, ...): the request does not fit the rules or the current state, and nothing of it
 * was written. The services throw refusals and know nothing of protocols; each adapter answers them
 * its own way (the REST adapter with a problem, the wire adapter with an error code), by type.
 */
public abstract class Refusal extends RuntimeException {

  protected Refusal(String message) {
    super(message);
  }
}
