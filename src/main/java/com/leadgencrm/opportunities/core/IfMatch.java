package com.leadgencrm.opportunities.core;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

/**
 * The {@code If-Match} precondition of a write (RFC 9110 §13.1.1, strong comparison). A write
 * without the header is unconditional.
 */
public record IfMatch(@Nullable List<String> etags) {

  public static final IfMatch NONE = new IfMatch(null);

  /** Reads the value of an {@code If-Match} header; {@code null} when there is none. */
  public static IfMatch parse(@Nullable String header) {
    if (header == null) {
      return NONE;
    }
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.IF_MATCH, header);
    try {
      return new IfMatch(headers.getIfMatch());
    } catch (IllegalArgumentException malformed) {
      throw new InvalidRequest("If-Match", "must be * or a list of quoted entity tags");
    }
  }

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
