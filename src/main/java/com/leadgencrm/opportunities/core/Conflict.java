package com.leadgencrm.opportunities.core;

import java.util.Map;

/**
 * The request is well-formed but conflicts with the current state of a resource (409). Subclasses
 * name the fact; {@link #properties()} become extension members of the problem.
 */
public abstract class Conflict extends Refusal {

  protected Conflict(String message) {
    super(message);
  }

  public Map<String, Object> properties() {
    return Map.of();
  }
}
