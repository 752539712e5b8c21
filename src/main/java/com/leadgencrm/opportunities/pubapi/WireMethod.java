package com.leadgencrm.opportunities.pubapi;

import java.util.Map;

/** One method of the wire protocol: its params in, its answer out. */
@FunctionalInterface
interface WireMethod {

  WireAnswer call(WireCall call);

  /**
   * The methods of one family of the protocol, by name: a new method is one entry of such a table.
   */
  interface Table {
    Map<String, WireMethod> methods();
  }
}
