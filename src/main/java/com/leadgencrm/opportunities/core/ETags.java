package com.leadgencrm.opportunities.core;

/** Strong entity tags derived from a resource's version. */
public final class ETags {

  private ETags() {}

  public static String of(long version) {
    return "\"" + version + "\"";
  }

  public static String of(long version, long epoch) {
    return "\"" + version + "." + epoch + "\"";
  }
}
