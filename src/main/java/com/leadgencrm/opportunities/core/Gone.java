package com.leadgencrm.opportunities.core;

import java.util.Map;

/**
 * What the request names was here once and is gone for good (410): past a retention, say.
 * Subclasses name the fact; {@link #properties()} become extension members of the problem.
 */
public abstract class Gone extends Refusal {

  protected Gone(String message) {
    super(message);
  }

  public Map<String, Object> properties() {
    return Map.of();
  }
}
