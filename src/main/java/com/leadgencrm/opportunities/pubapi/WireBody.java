package com.leadgencrm.opportunities.pubapi;

import com.leadgencrm.opportunities.query.PageBytes;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.jspecify.annotations.Nullable;

/**
 * The body of a wire answer as it is written: held in memory up to {@link PageBytes#LIMIT}, then
 * sent on as it comes (chunked), so that a read of 500 rows of large custom values is never held
 * whole. While it is held, a failure can still be answered in the envelope instead ({@link
 * #discard}); once sending, the answer can only be broken off. An answer that stays within the
 * limit goes out whole, with its length, as every answer did before.
 */
final class WireBody extends OutputStream {

  private final HttpServletResponse response;
  private ByteArrayOutputStream held = new ByteArrayOutputStream(8192);
  private @Nullable OutputStream sent;

  WireBody(HttpServletResponse response) {
    this.response = response;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    if (sent != null) {
      sent.write(bytes, offset, length);
      return;
    }
    held.write(bytes, offset, length);
    if (held.size() > PageBytes.LIMIT) {
      OutputStream out = response.getOutputStream();
      held.writeTo(out);
      // the 4 MiB buffer is let go: a read that is sent as it comes holds no more than its window
      held = new ByteArrayOutputStream(8192);
      sent = out;
    }
  }

  /**
   * Whether some of the answer went out already: it can no longer be another answer. (Passed on to
   * a response that keeps it whole, as the Idempotency-Key's filter does, it did not.)
   */
  boolean sending() {
    return sent != null && response.isCommitted();
  }

  /** Forgets what was written, to write another answer instead (only while none went out). */
  void discard() {
    if (sending()) {
      throw new IllegalStateException("Part of the answer was sent already");
    }
    if (sent != null) {
      response.resetBuffer();
      sent = null;
    }
    held.reset();
  }

  /** Sends what is held, whole, with its length; or ends what is being sent. */
  void finish() throws IOException {
    if (sent == null) {
      response.setContentLength(held.size());
      held.writeTo(response.getOutputStream());
    } else {
      sent.flush();
    }
  }

  /** Nothing: the answer ends with {@link #finish}, not when a writer closes what it wrote to. */
  @Override
  public void close() {}
}
