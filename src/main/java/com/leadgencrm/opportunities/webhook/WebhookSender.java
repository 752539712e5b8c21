package com.leadgencrm.opportunities.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Makes one attempt of a delivery: checks the target again, signs, POSTs, and keeps at most 1 KB of
 * the answer. Redirects are not followed (a 3xx is a failure), and the whole attempt, answer
 * included, ends after the timeout.
 */
@Component
class WebhookSender implements DisposableBean {

  static final int KEPT_ANSWER_BYTES = 1024;

  /** What one attempt found. */
  record Result(
      int durationMs,
      @Nullable Integer statusCode,
      @Nullable String error,
      @Nullable String responseBody) {

    boolean succeeded() {
      return error == null;
    }
  }

  private final WebhookTargets targets;
  private final Duration timeout;
  private final HttpClient http;
  private final ScheduledExecutorService watchdog =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "webhook-watchdog");
            thread.setDaemon(true);
            return thread;
          });

  WebhookSender(WebhookTargets targets, WebhookProperties properties) {
    this.targets = targets;
    this.timeout = properties.timeout();
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  Result send(
      String url,
      List<String> secrets,
      long eventId,
      String eventType,
      String body,
      Instant attemptedAt) {
    long started = System.nanoTime();
    URI uri = URI.create(url);
    String refused = targets.refusal(uri);
    if (refused != null) {
      return new Result(elapsed(started), null, "not sent: " + refused, null);
    }
    String id = Long.toString(eventId);
    long timestamp = attemptedAt.getEpochSecond();
    String signature =
        secrets.stream()
            .map(secret -> Signatures.sign(secret, id, timestamp, body))
            .collect(Collectors.joining(" "));
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", "opportunities-service-webhooks/1")
            .header("webhook-id", id)
            .header("webhook-timestamp", Long.toString(timestamp))
            .header("webhook-signature", signature)
            // CloudEvents HTTP binding, binary mode: a router can route without reading the body
            .header("ce-specversion", "1.0")
            .header("ce-id", id)
            .header("ce-type", eventType)
            .header("ce-source", "/opportunities-service")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    try {
      HttpResponse<InputStream> response =
          http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      String answer = readAtMost(response.body(), started);
      int status = response.statusCode();
      String error =
          status >= 200 && status < 300
              ? null
              : status >= 300 && status < 400
                  ? "HTTP " + status + " (redirects are not followed)"
                  : "HTTP " + status;
      return new Result(elapsed(started), status, error, answer);
    } catch (HttpConnectTimeoutException e) {
      return new Result(elapsed(started), null, "no connection within " + seconds(), null);
    } catch (HttpTimeoutException e) {
      return new Result(elapsed(started), null, "no answer within " + seconds(), null);
    } catch (ConnectException e) {
      return new Result(elapsed(started), null, "connection refused", null);
    } catch (IOException e) {
      return new Result(elapsed(started), null, "failed: " + e, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(elapsed(started), null, "interrupted (the instance stopped)", null);
    }
  }

  /** The start of the answer, read until the attempt's time is up. */
  private @Nullable String readAtMost(InputStream body, long started) throws IOException {
    long left = timeout.toNanos() - (System.nanoTime() - started);
    ScheduledFuture<?> cut =
        watchdog.schedule(() -> closeQuietly(body), Math.max(left, 1), TimeUnit.NANOSECONDS);
    try (body) {
      byte[] bytes = body.readNBytes(KEPT_ANSWER_BYTES);
      if (bytes.length == 0) {
        return null;
      }
      CharsetDecoder decoder =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPLACE)
              .onUnmappableCharacter(CodingErrorAction.REPLACE);
      // PostgreSQL text holds no NUL
      return decoder.decode(ByteBuffer.wrap(bytes)).toString().replace('\0', '\uFFFD');
    } catch (IOException e) {
      return null;
    } finally {
      cut.cancel(false);
    }
  }

  private static void closeQuietly(InputStream body) {
    try {
      body.close();
    } catch (IOException ignored) {
      // already broken: the attempt goes on without the rest of the answer
    }
  }

  private String seconds() {
    return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
  }

  private static int elapsed(long started) {
    return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - started) / 1_000_000);
  }

  @Override
  public void destroy() {
    watchdog.shutdownNow();
  }
}
