package com.leadgencrm.opportunities.core;

/**
 * A resource does not exist, or lies outside the caller's scope (both look the same to a client).
 */
public class NotFound extends Refusal {

  public NotFound(String resource, Object id) {
    super(resource + " " + id + " does not exist");
  }
}
