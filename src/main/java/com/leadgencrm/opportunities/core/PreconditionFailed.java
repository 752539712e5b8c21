package com.leadgencrm.opportunities.core;

/** The client's {@code If-Match} no longer names the current representation (412). */
public class PreconditionFailed extends Refusal {

  public PreconditionFailed(String currentEtag) {
    super(
        "If-Match does not match the current entity tag "
            + currentEtag
            + "; read the resource again and retry");
  }
}
