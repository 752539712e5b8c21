package com.leadgencrm.opportunities.core;

/** Another request changed the resource while this one was applying its change. */
public class ConcurrentModification extends Conflict {

  public ConcurrentModification() {
    super("The resource was changed by another request at the same time; read it again and retry");
  }
}
