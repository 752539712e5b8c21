package com.leadgencrm.opportunities.core;

import java.util.List;

/** The request names one or more invalid fields; answered 400 with every one of them. */
public class InvalidRequest extends RuntimeException {

  private final List<InvalidField> errors;

  public InvalidRequest(List<InvalidField> errors) {
    super("Invalid request: " + errors);
    this.errors = List.copyOf(errors);
  }

  public InvalidRequest(String field, String message) {
    this(List.of(new InvalidField(field, message)));
  }

  public List<InvalidField> errors() {
    return errors;
  }
}
