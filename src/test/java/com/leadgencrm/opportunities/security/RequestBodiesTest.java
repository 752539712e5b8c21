package com.leadgencrm.opportunities.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.core.Role;
import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.IntegrationTest;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The bodies the service takes: never multipart (415 over REST, code 101 on the wire protocol),
 * never over 2 MiB whatever the content type or transfer encoding (413), and in no case a 500.
 */
@IntegrationTest
class RequestBodiesTest {

  static final String CREDENTIALS =
      "accountID=test_admin&secretKey=0123456789abcdefghijklmnopqrstuv";
  static final String MALFORMED_MULTIPART =
      "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue";
  static final String MULTIPART =
      "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue\r\n--x--\r\n";

  @Autowired Api admin;
  final HttpClient http = HttpClient.newHttpClient();

  HttpResponse<String> send(
      String method,
      String path,
      @Nullable String token,
      String contentType,
      HttpRequest.BodyPublisher body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(admin.baseUrl() + path))
            .header("Content-Type", contentType)
            .method(method, body);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A body of that many bytes, sent chunked (no Content-Length). */
  static HttpRequest.BodyPublisher chunked(byte[] prefix, long size) {
    return HttpRequest.BodyPublishers.ofInputStream(
        () ->
            new InputStream() {
              long sent;

              @Override
              public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
              }

              @Override
              public int read(byte[] buffer, int offset, int length) {
                if (sent >= size) {
                  return -1;
                }
                int n = (int) Math.min(length, size - sent);
                for (int i = 0; i < n; i++) {
                  buffer[offset + i] = sent < prefix.length ? prefix[(int) sent] : (byte) 'A';
                  sent++;
                }
                return n;
              }
            });
  }

  static JsonNode json(HttpResponse<String> response) {
    return Api.JSON.readTree(response.body());
  }

  @Test
  void multipartIsUnsupportedOnEveryRestRouteForEveryCallerEvenGet() throws Exception {
    String salesperson =
        Keys.create(admin, Role.JR_SALESPERSON, 77, null).json().path("token").asString();
    // a malformed multipart body was a 500 on every route; a well-formed one on a GET list had its
    // parts read as query parameters
    for (String body : List.of(MALFORMED_MULTIPART, MULTIPART)) {
      for (String token : Stream.of(Api.ADMIN_TOKEN, salesperson, null).toList()) {
        for (String[] route :
            new String[][] {
              {"GET", "/opportunities"},
              {"GET", "/opportunities/1"},
              {"POST", "/opportunities"},
              {"PATCH", "/opportunities/1"},
              {"DELETE", "/dealStages/999999"},
              {"GET", "/apiKeys"},
              {"GET", "/actuator/health"},
              {"GET", "/v3/api-docs"},
              {"GET", "/error"},
              {"GET", "/no/such/path"},
            }) {
          HttpResponse<String> response =
              send(
                  route[0],
                  route[1],
                  token,
                  "multipart/form-data; boundary=x",
                  HttpRequest.BodyPublishers.ofString(body));
          String what = route[0] + " " + route[1] + " as " + token;
          assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(415);
          assertThat(response.headers().firstValue("Content-Type").orElse(""))
              .startsWith("application/problem+json");
          assertThat(json(response).path("detail").asString())
              .isEqualTo("This service takes no multipart bodies: send application/json");
        }
      }
    }
  }

  @Test
  void multipartOnTheWireProtocolIsAnInvalidRequestEnvelope() throws Exception {
    for (String path : List.of("/pubapi/v1", "/pubapi/v1.2/", "/pubapi/v1?" + CREDENTIALS)) {
      for (String body : List.of(MALFORMED_MULTIPART, MULTIPART)) {
        HttpResponse<String> response =
            send(
                "POST",
                path,
                null,
                "multipart/form-data; boundary=x",
                HttpRequest.BodyPublishers.ofString(body));
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        assertThat(response.body())
            .isEqualTo(
                "{\"result\":null,\"error\":{\"code\":101,\"message\":\"Invalid request data format\",\"data\":[]},\"id\":null}");
      }
    }
  }

  @Test
  void chunkedBodiesOverTheLimitAreTooLargeWhateverTheirTypeAndRoute() throws Exception {
    byte[] multipart =
        ("--x\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] json = "{\"method\":\"getDealStage\",\"params\":{\"id\":1},\"id\":\"".getBytes();
    // 6.9 MiB of parts were parsed (and spooled to disk); 3 MiB of anything is refused
    long size = 3L * 1024 * 1024;
    for (String path : List.of("/opportunities", "/opportunities?limit=1", "/actuator/health")) {
      for (String type : List.of("multipart/form-data; boundary=x", "application/json")) {
        HttpResponse<String> response =
            send("POST", path, Api.ADMIN_TOKEN, type, chunked(multipart, size));
        assertThat(response.statusCode()).as(path + " " + type).isEqualTo(413);
        assertThat(json(response).path("detail").asString())
            .isEqualTo("The request body is larger than 2097152 bytes");
      }
    }
    // the wire protocol: 413 too (the one answer that is not 200), in its envelope; was a 500
    for (String type : List.of("multipart/form-data; boundary=x", "application/json")) {
      for (byte[] prefix : List.of(multipart, json)) {
        HttpResponse<String> response =
            send("POST", "/pubapi/v1?" + CREDENTIALS, null, type, chunked(prefix, size));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type").orElse(""))
            .startsWith("application/json");
        assertThat(response.body())
            .isEqualTo(
                "{\"result\":null,\"error\":{\"code\":413,\"message\":\"The request body is larger than 2097152 bytes\",\"data\":[]},\"id\":null}");
      }
    }
  }

  @Test
  void aBodyOverTheLimitWithContentLengthIsTooLargeOnTheWireProtocolToo() throws Exception {
    byte[] body = new byte[2 * 1024 * 1024 + 1];
    java.util.Arrays.fill(body, (byte) ' ');
    HttpResponse<String> response =
        send(
            "POST",
            "/pubapi/v1.2?" + CREDENTIALS,
            null,
            "application/json",
            HttpRequest.BodyPublishers.ofByteArray(body));
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(json(response).path("error").path("code").asInt()).isEqualTo(413);
  }

  @Test
  void chunkedBodiesWithinTheLimitAreReadWhole() throws Exception {
    // just under the limit: the whole call is read and answered
    String call = "{\"method\":\"getDealStage\",\"params\":{\"id\":1},\"id\":\"";
    int padding = 2 * 1024 * 1024 - call.length() - 2;
    HttpResponse<String> response =
        send(
            "POST",
            "/pubapi/v1.2?" + CREDENTIALS,
            null,
            "application/json",
            chunked(
                (call + "x".repeat(padding) + "\"}").getBytes(StandardCharsets.UTF_8),
                2 * 1024 * 1024));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).path("result").path("dealStage").get(0).path("id").asString())
        .isEqualTo("1");
  }
}
