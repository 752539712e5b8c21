package com.leadgencrm.opportunities.core;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code If-Match} precondition of a write (RFC 9110 §13.1.1, strong comparison). A write
 * without the header is unconditional.
 */
public record IfMatch(@Nullable List<String> etags) {

  public static final IfMatch NONE = new IfMatch(null);

  /** Throws {@link PreconditionFailed} unless the header is absent, {@code *}, or names the tag. */
  public void check(String currentEtag) {
    if (etags == null) {
      return;
    }
    for (String tag : etags) {
      if (tag.equals("*") || tag.equals(currentEtag)) {
        return;
      }
    }
    throw new PreconditionFailed(currentEtag);
  }
}
