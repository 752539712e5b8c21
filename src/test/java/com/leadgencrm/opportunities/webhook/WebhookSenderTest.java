package com.leadgencrm.opportunities.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One attempt against real receivers: what is sent, what is kept, what counts as failure. */
class WebhookSenderTest {

  static WebhookProperties properties(boolean allowPrivate, Duration timeout) {
    return new WebhookProperties(
        allowPrivate,
        timeout,
        Duration.ofMillis(250),
        8,
        4,
        Duration.ofSeconds(60),
        Duration.ofSeconds(10),
        Duration.ofDays(5),
        Duration.ofHours(24));
  }

  static WebhookSender sender(boolean allowPrivate, Duration timeout) {
    WebhookProperties properties = properties(allowPrivate, timeout);
    return new WebhookSender(new WebhookTargets(properties), properties);
  }

  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw4vIO5nOzh7s=";

  @Test
  void keepsTheFirstKilobyteOfTheAnswer() throws Exception {
    try (Receiver receiver = new Receiver()) {
      receiver.answer = "é".repeat(3000);
      var result =
          sender(true, Duration.ofSeconds(5))
              .send(receiver.url(), List.of(SECRET), 7, "field.created", "{}", Instant.now());
      assertThat(result.succeeded()).isTrue();
      assertThat(result.statusCode()).isEqualTo(200);
      assertThat(result.responseBody().getBytes(java.nio.charset.StandardCharsets.UTF_8))
          .hasSizeLessThanOrEqualTo(1024 + 2);
      assertThat(result.responseBody()).startsWith("éé");
    }
  }

  @Test
  void aRedirectIsAFailureAndIsNotFollowed() throws Exception {
    try (Receiver redirecting = new Receiver();
        Receiver elsewhere = new Receiver()) {
      redirecting.status = 307;
      redirecting.location = elsewhere.url();
      var result =
          sender(true, Duration.ofSeconds(5))
              .send(redirecting.url(), List.of(SECRET), 7, "field.created", "{}", Instant.now());
      assertThat(result.succeeded()).isFalse();
      assertThat(result.error()).isEqualTo("HTTP 307 (redirects are not followed)");
      assertThat(elsewhere.all()).isEmpty();
    }
  }

  @Test
  void aReceiverThatDoesNotAnswerInTimeFails() throws Exception {
    try (Receiver hanging = new Receiver()) {
      hanging.delayMillis = 5000;
      long started = System.nanoTime();
      var result =
          sender(true, Duration.ofMillis(500))
              .send(hanging.url(), List.of(SECRET), 7, "field.created", "{}", Instant.now());
      assertThat(result.error()).isEqualTo("no answer within 500 ms");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }
  }

  @Test
  void aRefusedConnectionFails() throws Exception {
    String url;
    try (Receiver gone = new Receiver()) {
      url = gone.url();
    }
    var result =
        sender(true, Duration.ofSeconds(2))
            .send(url, List.of(SECRET), 7, "field.created", "{}", Instant.now());
    assertThat(result.error()).isEqualTo("connection refused");
  }

  @Test
  void aTargetThatResolvesToThisMachineIsNotContactedInProduction() throws Exception {
    try (Receiver receiver = new Receiver()) {
      String url = receiver.url().replace("http://127.0.0.1", "https://localhost");
      var result =
          sender(false, Duration.ofSeconds(2))
              .send(url, List.of(SECRET), 7, "field.created", "{}", Instant.now());
      assertThat(result.error())
          .startsWith("not sent: host localhost resolves to a loopback address");
      assertThat(receiver.all()).isEmpty();
    }
  }
}
