package com.leadgencrm.opportunities.core;

/** A uniqueness or reference constraint of the database refused the change. */
public class ConstraintConflict extends Conflict {

  public ConstraintConflict() {
    super("The change conflicts with the current state of another resource");
  }
}
