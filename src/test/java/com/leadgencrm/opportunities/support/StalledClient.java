package com.leadgencrm.opportunities.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A client that sends a request over a socket of its own, takes the first bytes of the answer and
 * stops reading: the service's writes then wait for it, as for a slow or stalled client on a real
 * network. {@link #rest} reads on to the end.
 */
public final class StalledClient implements AutoCloseable {

  private final Socket socket = new Socket();
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();
  private final byte[] buffer = new byte[64 * 1024];

  /**
   * @param head the request line and headers, without the ending blank line ({@code Host} and
   *     {@code Connection: close} are added)
   * @param body the request's body (empty for none)
   * @param bytes how much of the answer to take before stalling
   */
  public StalledClient(String baseUrl, String head, byte[] body, long bytes) throws IOException {
    URI base = URI.create(baseUrl);
    socket.setReceiveBufferSize(64 * 1024);
    socket.connect(new InetSocketAddress(base.getHost(), base.getPort()));
    socket.setSoTimeout(30_000);
    socket
        .getOutputStream()
        .write(
            (head + "\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().write(body);
    while (received.size() < bytes) {
      int n = socket.getInputStream().read(buffer);
      assertThat(n).as("the answer ended before %d bytes", bytes).isPositive();
      received.write(buffer, 0, n);
    }
  }

  /** Reads on to the end (the server's, whole or not): the raw HTTP answer. */
  public String rest() throws IOException {
    InputStream in = socket.getInputStream();
    for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
      received.write(buffer, 0, n);
    }
    return received.toString(StandardCharsets.UTF_8);
  }

  /** The data of a chunked body's chunks, as far as it came. */
  public static String dechunked(String chunked) {
    StringBuilder data = new StringBuilder();
    int at = 0;
    while (true) {
      int line = chunked.indexOf("\r\n", at);
      if (line < 0) {
        return data.toString();
      }
      int size = Integer.parseInt(chunked.substring(at, line).trim(), 16);
      int start = line + 2;
      data.append(chunked, start, Math.min(chunked.length(), start + size));
      at = start + size + 2;
      if (size == 0 || at >= chunked.length()) {
        return data.toString();
      }
    }
  }

  /** The body of a raw HTTP answer with a chunked body, as far as it came. */
  public static String body(String answer) {
    return dechunked(answer.substring(answer.indexOf("\r\n\r\n") + 4));
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
