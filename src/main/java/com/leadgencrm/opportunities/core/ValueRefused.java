package com.leadgencrm.opportunities.core;

/**
 * PostgreSQL refused a value that no rule of the service caught: the database's constraints are the
 * last line of defence, and what they refuse is the client's input, never a server error.
 */
public class ValueRefused extends Refusal {

  public ValueRefused() {
    super("The request holds a value the database does not accept");
  }
}
