package com.leadgencrm.opportunities.web;

import static com.leadgencrm.opportunities.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.core.Role;
import com.leadgencrm.opportunities.opportunity.Opportunities;
import com.leadgencrm.opportunities.security.Keys;
import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Api.Reply;
import com.leadgencrm.opportunities.support.IntegrationTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * What HTTP clients expect of any API: content negotiation that suits generated clients, request
 * ids, rate-limit headers, compression, CORS off by default, and the URL behind a proxy.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class HttpConventionsTest {

  static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

  @Autowired Api api;
  @Autowired LoggingSystem logging;

  final HttpClient http = HttpClient.newHttpClient();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/json",
        "application/problem+json",
        "*/*",
        "application/json, application/problem+json"
      })
  void everyOperationAcceptsJsonProblemsOrAnything(String accept) {
    long id = Opportunities.create(api, Opportunities.minimal(Opportunities.uniqueOwner()));

    Reply read = api.request("GET", "/opportunities/" + id).header("Accept", accept).send();
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.header("Content-Type")).startsWith("application/json");
    Reply list = api.request("GET", "/dealStages").header("Accept", accept).send();
    assertThat(list.status()).isEqualTo(200);
    Reply created =
        api.request("POST", "/dealStages")
            .header("Accept", accept)
            .json(json(Map.of("dealStageName", "Accept " + System.nanoTime())))
            .send();
    assertThat(created.status()).isEqualTo(201);
    Reply missing = api.request("GET", "/opportunities/0").header("Accept", accept).send();
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.header("Content-Type")).startsWith("application/problem+json");

    // what a generated Java client sends for a DELETE: Accept: application/problem+json
    Reply deleted = api.request("DELETE", "/opportunities/" + id).header("Accept", accept).send();
    assertThat(deleted.status()).isEqualTo(204);
    Reply gone = api.request("DELETE", "/opportunities/" + id).header("Accept", accept).send();
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.json().path("status").asInt()).isEqualTo(404);
  }

  @Test
  void anAcceptWithoutJsonIsNotAcceptable() {
    Reply reply = api.request("GET", "/dealStages/1").header("Accept", "text/html").send();
    assertThat(reply.status()).isEqualTo(406);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
  }

  @Test
  void aPathNoOperationAnswersIsA404NamingThePathAsRequestedAndNoClasspathFileIsServed() {
    // Swagger UI's files, also in the classpath's META-INF/resources/webjars, which Spring Boot's
    // default static handler served under /webjars/** and /**
    String webjar = "/webjars/swagger-ui/" + swaggerUiVersion() + "/swagger-ui.css";
    for (String path : List.of(webjar, "/opportunities/1/", "/swagger-ui/none.js")) {
      Reply reply = api.get(path);
      assertThat(reply.status()).as(path).isEqualTo(404);
      assertThat(reply.header("Content-Type")).as(path).isEqualTo("application/problem+json");
      assertThat(reply.json().path("detail").asString())
          .as(path)
          .isEqualTo("No such resource: " + path);
    }
    assertThat(api.get("/swagger-ui/swagger-ui.css").status()).isEqualTo(200);
  }

  private static String swaggerUiVersion() {
    String properties = "META-INF/maven/org.webjars/swagger-ui/pom.properties";
    try (InputStream in =
        HttpConventionsTest.class.getClassLoader().getResourceAsStream(properties)) {
      Properties read = new Properties();
      read.load(Objects.requireNonNull(in, properties));
      return read.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void echoesAValidRequestIdInTheAnswerAndItsProblems() {
    Reply ok = api.request("GET", "/dealStages/1").header("X-Request-Id", "abc-123.X/y:z").send();
    assertThat(ok.header("X-Request-Id")).isEqualTo("abc-123.X/y:z");

    Reply problem =
        api.request("GET", "/opportunities/0").header("X-Request-Id", "client-42").send();
    assertThat(problem.status()).isEqualTo(404);
    assertThat(problem.header("X-Request-Id")).isEqualTo("client-42");
    assertThat(problem.json().path("requestId").asString()).isEqualTo("client-42");

    // a problem written by a filter, before Spring MVC
    Reply unauthorized =
        api.anonymous().request("GET", "/dealStages").header("X-Request-Id", "anon-1").send();
    assertThat(unauthorized.status()).isEqualTo(401);
    assertThat(unauthorized.json().path("requestId").asString()).isEqualTo("anon-1");
  }

  @Test
  void makesUpARequestIdWhenTheClientSendsNoneOrAnInsaneOne() {
    Reply none = api.get("/dealStages/1");
    assertThat(none.header("X-Request-Id")).matches(UUID);

    for (String insane : List.of("x".repeat(129), "with space", "semi;colon", "é")) {
      Reply reply = api.request("GET", "/opportunities/0").header("X-Request-Id", insane).send();
      assertThat(reply.status()).isEqualTo(404);
      assertThat(reply.header("X-Request-Id")).matches(UUID);
      assertThat(reply.json().path("requestId").asString()).isEqualTo(reply.header("X-Request-Id"));
    }
    Reply first = api.get("/dealStages/1");
    Reply second = api.get("/dealStages/1");
    assertThat(first.header("X-Request-Id")).isNotEqualTo(second.header("X-Request-Id"));
  }

  @Test
  void aReplayedAnswerCarriesTheRetrysIdAndRateLimit() {
    Api limited =
        api.as(Keys.create(api, Role.ADMINISTRATOR, 63, 5).json().path("token").asString());
    String key = java.util.UUID.randomUUID().toString();
    String body = json(Map.of("dealStageName", "Replayed " + System.nanoTime()));
    Reply first =
        limited
            .request("POST", "/dealStages")
            .header("Idempotency-Key", key)
            .header("X-Request-Id", "first-try")
            .json(body)
            .send();
    Reply retry =
        limited
            .request("POST", "/dealStages")
            .header("Idempotency-Key", key)
            .header("X-Request-Id", "second-try")
            .json(body)
            .send();
    assertThat(first.status()).isEqualTo(201);
    assertThat(retry.status()).isEqualTo(201);
    assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(retry.header("X-Request-Id")).isEqualTo("second-try");
    assertThat(first.header("RateLimit")).isEqualTo("\"key\";r=9;t=1");
    // the retry took a token of its own (some may have come back meanwhile)
    assertThat(retry.header("RateLimit")).matches("\"key\";r=[0-9];t=[0-9]+");
  }

  @Test
  void everyLogLineOfARequestCarriesItsId(CapturedOutput output) {
    String logger = "org.springframework.web.servlet.DispatcherServlet";
    logging.setLogLevel(logger, LogLevel.DEBUG);
    try {
      api.request("GET", "/dealStages/1").header("X-Request-Id", "logged-7f3a").send();
    } finally {
      logging.setLogLevel(logger, null);
    }
    List<String> lines =
        output.getOut().lines().filter(line -> line.contains("DispatcherServlet")).toList();
    assertThat(lines).filteredOn(line -> line.contains("/dealStages/1")).isNotEmpty();
    assertThat(lines.stream().filter(line -> line.contains("Completed 200")).toList())
        .isNotEmpty()
        .allMatch(line -> line.contains("[logged-7f3a]"));
  }

  @Test
  void everyAnswerToALimitedKeyCarriesItsRateLimit() {
    // 1 request per second, bursts of 2
    Api limited =
        api.as(Keys.create(api, Role.SALES_MANAGER, 61, 1).json().path("token").asString());
    Reply first = limited.get("/dealStages/1");
    assertThat(first.header("RateLimit-Policy")).isEqualTo("\"key\";q=2;w=2");
    assertThat(first.header("RateLimit")).isEqualTo("\"key\";r=1;t=1");
    Reply second = limited.get("/opportunities/0");
    assertThat(second.status()).isEqualTo(404);
    assertThat(second.header("RateLimit")).startsWith("\"key\";r=0;t=");
    Reply third = limited.get("/dealStages/1");
    assertThat(third.status()).isEqualTo(429);
    assertThat(third.header("RateLimit-Policy")).isEqualTo("\"key\";q=2;w=2");
    assertThat(third.header("RateLimit")).matches("\"key\";r=0;t=[12]");
    assertThat(third.header("Retry-After")).isEqualTo("1");
    Reply forbidden =
        limited
            .as(Keys.create(api, Role.SALESPERSON, 62, 1).json().path("token").asString())
            .delete("/dealStages/1");
    assertThat(forbidden.status()).isEqualTo(403);
    assertThat(forbidden.header("RateLimit")).isNotNull();

    Reply anonymous = api.anonymous().get("/dealStages/1");
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.header("RateLimit")).isNull();
    assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
  }

  @Test
  void compressesJsonForClientsThatAcceptGzip() throws Exception {
    for (String path : List.of("/fields?limit=500", "/v3/api-docs")) {
      HttpResponse<byte[]> response =
          http.send(
              HttpRequest.newBuilder(URI.create(api.baseUrl() + path))
                  .header("Authorization", "Bearer " + Api.ADMIN_TOKEN)
                  .header("Accept-Encoding", "gzip")
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
      byte[] json = new GZIPInputStream(new ByteArrayInputStream(response.body())).readAllBytes();
      assertThat(Api.JSON.readTree(json).isObject()).isTrue();
      assertThat(response.body().length).isLessThan(json.length);
    }
    Reply plain = api.get("/fields?limit=500");
    assertThat(plain.header("Content-Encoding")).isNull();
  }

  @Test
  void aSingleResourceAnswerComesWholeWithItsLength() {
    Map<String, Object> opportunity = Opportunities.minimal(Opportunities.uniqueOwner());
    Reply created = api.request("POST", "/opportunities").json(json(opportunity)).send();
    assertThat(created.status()).isEqualTo(201);
    String path = "/opportunities/" + created.json().get("id").asLong();
    Reply read = api.get(path);
    Reply patched =
        api.request("PATCH", path)
            .body("application/merge-patch+json", "{\"amount\": 12.50}")
            .send();
    assertThat(patched.status()).isEqualTo(200);

    for (Reply reply : List.of(created, read, patched)) {
      assertThat(reply.header("Transfer-Encoding")).isNull();
      assertThat(reply.header("Content-Length"))
          .isEqualTo(String.valueOf(reply.body().getBytes(StandardCharsets.UTF_8).length));
    }
  }

  @Test
  void corsIsOffUnlessOriginsAreConfigured() {
    Reply preflight =
        api.anonymous()
            .request("OPTIONS", "/opportunities")
            .header("Origin", "https://app.example.org")
            .header("Access-Control-Request-Method", "GET")
            .send();
    assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
    Reply get =
        api.request("GET", "/dealStages/1").header("Origin", "https://app.example.org").send();
    assertThat(get.header("Access-Control-Allow-Origin")).isNull();
  }

  @Test
  void theDocumentNamesTheUrlTheProxyReports() {
    JsonNode forwarded =
        api.request("GET", "/v3/api-docs")
            .header("X-Forwarded-Proto", "https")
            .header("X-Forwarded-Host", "crm.example.org")
            .header("X-Forwarded-Port", "443")
            .send()
            .json();
    assertThat(forwarded.path("servers").path(0).path("url").asString())
        .isEqualTo("https://crm.example.org");
    JsonNode standard =
        api.request("GET", "/v3/api-docs")
            .header("Forwarded", "proto=https;host=api.example.net")
            .send()
            .json();
    assertThat(standard.path("servers").path(0).path("url").asString())
        .isEqualTo("https://api.example.net");
    assertThat(api.get("/v3/api-docs").json().path("servers").path(0).path("url").asString())
        .isEqualTo(api.baseUrl());
  }
}
