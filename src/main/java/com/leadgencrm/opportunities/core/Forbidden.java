package com.leadgencrm.opportunities.core;

/** The caller's role does not allow the action (403). */
public class Forbidden extends Refusal {

  private final String field;

  public Forbidden(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The property the refusal is about, or empty. */
  public String field() {
    return field;
  }
}
