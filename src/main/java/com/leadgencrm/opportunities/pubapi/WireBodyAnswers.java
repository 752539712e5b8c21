package com.leadgencrm.opportunities.pubapi;

import com.leadgencrm.opportunities.security.RequestBodyAnswers;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * The wire protocol's answers to bodies the service does not take. It reads any content type as
 * JSON (SPEC §4), so a multipart body is simply not a JSON envelope (code 101, HTTP 200). A body
 * over the size limit is refused before anything of it is read, like any other: HTTP 413, the one
 * answer of this protocol that is not 200, with the protocol's envelope ({@code "code": 413},
 * {@code "id": null}, since the call's id was never read) so that a client that parses every answer
 * can.
 */
@Component
class WireBodyAnswers implements RequestBodyAnswers {

  private final WireCalls calls;

  WireBodyAnswers(WireCalls calls) {
    this.calls = calls;
  }

  @Override
  public boolean handles(HttpServletRequest request) {
    return WireRequestFilter.isWire(request);
  }

  @Override
  public boolean readsAnyContentType() {
    return true;
  }

  @Override
  public void tooLarge(HttpServletRequest request, HttpServletResponse response, String detail)
      throws IOException {
    if (response.isCommitted()) {
      return;
    }
    byte[] envelope =
        calls.envelope(null, new WireError(WireError.TOO_LARGE, detail).object(), null);
    response.resetBuffer();
    response.setStatus(413);
    response.setHeader("Connection", "close");
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setContentLength(envelope.length);
    response.getOutputStream().write(envelope);
    response.flushBuffer();
  }
}
