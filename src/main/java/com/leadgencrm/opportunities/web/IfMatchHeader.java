package com.leadgencrm.opportunities.web;

import com.leadgencrm.opportunities.core.IfMatch;
import com.leadgencrm.opportunities.core.InvalidInput;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

/** Reads the {@code If-Match} header of a write. */
public final class IfMatchHeader {

  private IfMatchHeader() {}

  /** The precondition a header states: none when there is no header. */
  public static IfMatch parse(@Nullable String header) {
    if (header == null) {
      return IfMatch.NONE;
    }
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.IF_MATCH, header);
    try {
      return new IfMatch(headers.getIfMatch());
    } catch (IllegalArgumentException malformed) {
      throw new InvalidInput("If-Match", "must be * or a list of quoted entity tags");
    }
  }
}
