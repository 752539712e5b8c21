package com.leadgencrm.opportunities.core;

import java.util.List;

/** The input names one or more invalid fields; refused with every one of them. */
public class InvalidInput extends Refusal {

  private final List<InvalidField> errors;

  public InvalidInput(List<InvalidField> errors) {
    super("Invalid request: " + errors);
    this.errors = List.copyOf(errors);
  }

  public InvalidInput(String field, String message) {
    this(List.of(new InvalidField(field, message)));
  }

  /**
   * Refuses with every error at once, in a stable order (by field, then message), when there is
   * any.
   */
  public static void ifAny(List<InvalidField> errors) {
    if (!errors.isEmpty()) {
      List<InvalidField> sorted = new java.util.ArrayList<>(errors);
      sorted.sort(
          java.util.Comparator.comparing(InvalidField::field).thenComparing(InvalidField::message));
      throw new InvalidInput(sorted);
    }
  }

  public List<InvalidField> errors() {
    return errors;
  }
}
