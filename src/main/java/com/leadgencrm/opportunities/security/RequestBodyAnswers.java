package com.leadgencrm.opportunities.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * How a protocol with answers of its own (the wire protocol) answers a request whose body {@link
 * RequestBodyLimits} refuses; REST requests get problems.
 */
public interface RequestBodyAnswers {

  /** Whether the request belongs to this protocol. */
  boolean handles(HttpServletRequest request);

  /**
   * Whether the protocol reads its bodies as bytes whatever their content type, multipart included
   * (it then answers a body it cannot read itself); else {@code multipart/*} is refused with 415.
   */
  boolean readsAnyContentType();

  /** A body over the size limit: answered with status 413, and the connection closed. */
  void tooLarge(HttpServletRequest request, HttpServletResponse response, String detail)
      throws IOException;
}
