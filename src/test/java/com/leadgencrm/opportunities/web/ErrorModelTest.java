package com.leadgencrm.opportunities.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Api.Reply;
import com.leadgencrm.opportunities.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/** Every error is an RFC 9457 problem, and no input gives a 5xx. */
@IntegrationTest
class ErrorModelTest {

  @Autowired Api api;

  static Stream<String> malformedBodies() {
    return Stream.of(
        "",
        " ",
        "null",
        "true",
        "42",
        "\"text\"",
        "[]",
        "[{}]",
        "{",
        "}",
        "{\"a\"}",
        "{\"a\":}",
        "{a:1}",
        "{'dealStageName':'x'}",
        "{\"dealStageName\":\"x\",}",
        "{\"dealStageName\":\"x\"} trailing",
        "{\"dealStageName\":\"x\",\"dealStageName\":\"y\"}",
        "{\"dealStageName\":1e999999999}",
        "{\"weight\":1e999999999}",
        "{\"weight\":-1e-999999999}",
        "{\"weight\":123456789012345678901234567890}",
        "{\"defaultProbability\":NaN}",
        "{\"defaultProbability\":Infinity}",
        "{\"dealStageName\":\"\\ud800\"}",
        "{\"dealStageName\":\"\u0000\"}",
        "{\"dealStageName\":{\"nested\":[1,2,{}]}}",
        "{\"dealStageName\":[]}",
        "{\"isEditable\":\"true\"}",
        "{\"isEditable\":1}",
        "{\"weight\":\"7\"}",
        "{\"weight\":7.5}",
        "{\"weight\":true}",
        "{\"description\":" + "[".repeat(5000) + "]".repeat(5000) + "}",
        "{\"dealStageName\":\"" + "\u00e9\u6f22\ud83d\ude00".repeat(100) + "\"}",
        "{\"relationship\":null,\"label\":null,\"dataType\":null,\"dataLength\":null}",
        "{\"dataLength\":99999999999999999999,\"dataType\":\"text\",\"isCustom\":\"yes\"}",
        "{\"closeDate\":\"2026-02-30\"}",
        "{\"createTimestamp\":\"not a date\"}",
        "{\"\\ud800\":1}",
        "{\"x\\u0000y\":null}",
        "{\"dealStageName\":null,\"unknown\":null}",
        "{\"id\":null}");
  }

  static Stream<String> endpoints() {
    return Stream.of(
        "POST /dealStages",
        "PUT /dealStages/1",
        "PATCH /dealStages/2",
        "POST /fields",
        "PUT /fields/20",
        "PATCH /fields/20");
  }

  static Stream<org.junit.jupiter.params.provider.Arguments> everyBodyToEveryEndpoint() {
    List<String> bodies = malformedBodies().toList();
    return endpoints()
        .flatMap(
            endpoint ->
                bodies.stream()
                    .map(body -> org.junit.jupiter.params.provider.Arguments.of(endpoint, body)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyBodyToEveryEndpoint")
  void malformedBodiesAreClientErrorProblems(String endpoint, String body) {
    String[] parts = endpoint.split(" ");
    String contentType =
        parts[0].equals("PATCH") ? "application/merge-patch+json" : "application/json";
    Reply reply = api.request(parts[0], parts[1]).body(contentType, body).send();

    assertThat(reply.status()).as(reply.body()).isBetween(400, 499);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    assertThat(reply.json().path("status").asInt()).isEqualTo(reply.status());
  }

  @Test
  void brokenUtf8IsAClientError() {
    byte[] body = "{\"dealStageName\":\"\u00ff\"}".getBytes(StandardCharsets.ISO_8859_1);
    Reply reply = api.request("POST", "/dealStages").body("application/json", body).send();
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
  }

  @Test
  void unknownPathIsNotFoundProblem() {
    Reply reply = api.get("/no/such/thing");
    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
  }

  @Test
  void wrongMethodIsMethodNotAllowedProblemWithAllow() {
    Reply reply = api.request("DELETE", "/dealStages").send();
    assertThat(reply.status()).isEqualTo(405);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    assertThat(reply.header("Allow")).contains("GET").contains("POST");
  }

  @Test
  void wrongMediaTypeIsUnsupportedMediaTypeProblem() {
    Reply reply =
        api.request("POST", "/dealStages").body("text/plain", "{\"dealStageName\":\"x\"}").send();
    assertThat(reply.status()).isEqualTo(415);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    Reply none = api.request("POST", "/dealStages").send();
    assertThat(none.status()).isEqualTo(415);
  }

  @Test
  void formBodiesOnPutPatchAndDeleteAreUnsupportedMediaTypesEvenWhenUndecodable() {
    // found by GeneratedInputTest (seed 5489803811112): Spring's form content filter decoded the
    // body of a PATCH sent as a form, and an undecodable one was a 500
    for (String method : List.of("PUT", "PATCH")) {
      for (String body : List.of("%zz", "amount=10", "{\"amount\":10}")) {
        Reply reply =
            api.request(method, "/dealStages/1")
                .body("application/x-www-form-urlencoded", body)
                .send();
        assertThat(reply.status()).as(method + " " + body).isEqualTo(415);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
      }
    }
    Reply delete =
        api.request("DELETE", "/dealStages/999999")
            .body("application/x-www-form-urlencoded", "%zz")
            .send();
    assertThat(delete.status()).isEqualTo(404);
  }

  @Test
  void problemsStayJsonWhenClientAsksForHtml() {
    Reply reply = api.request("GET", "/dealStages/999999").header("Accept", "text/html").send();
    assertThat(reply.status()).isEqualTo(406);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
  }

  /** Found by the generated input: spring-framework#36971 in 7.0.8 answered these with a 500. */
  @Test
  void quotedMediaTypesAreClientErrors() {
    assertThat(
            api.request("GET", "/dealStages/1")
                .header("Accept", "\"1\"../../etc/passwd")
                .send()
                .status())
        .isEqualTo(406);
    assertThat(
            api.request("POST", "/dealStages").body("\"application/json\"", "{}").send().status())
        .isEqualTo(415);
  }

  /** Found by the generated input: the firewall's refusal surfaced as a 500. */
  @Test
  void controlCharactersInParameterNamesAreClientErrors() {
    Reply reply = api.get("/fields?%09%0A=null");
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
  }

  /** Found by the generated input: Tomcat answered an undecodable path with an HTML page. */
  @Test
  void undecodablePathsAreProblems() {
    Reply reply = api.request("PATCH", "/opportunities/%FF").json("{}").send();
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
  }

  @Test
  void nonNumericOrHugeIdsAreClientErrors() {
    assertThat(api.get("/dealStages/abc").status()).isEqualTo(400);
    assertThat(api.get("/dealStages/99999999999999999999999").status()).isEqualTo(400);
    assertThat(api.get("/dealStages/-1").status()).isEqualTo(404);
    assertThat(api.get("/fields/%20").status()).isBetween(400, 404);
  }

  /** Both were "The request could not be understood", or a query string said unreadable. */
  @Test
  void queryStringsOverTheServersLimitsAreRefusedNamingTheLimit() {
    StringBuilder many = new StringBuilder("?limit=1");
    for (int i = 0; i < 1100; i++) {
      many.append("&p").append(i).append("=1");
    }
    Reply tooMany = api.get("/dealStages" + many);
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.header("Content-Type")).startsWith("application/problem+json");
    assertThat(tooMany.json().path("detail").asString())
        .startsWith("The query string has 1101 parameters, more than the 1000 a request may have");

    StringBuilder ids = new StringBuilder("?id=1");
    for (int i = 2; i < 2000; i++) {
      ids.append(',').append(i);
    }
    Reply tooLong = api.get("/dealStages" + ids);
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.header("Content-Type")).startsWith("application/problem+json");
    assertThat(tooLong.json().path("detail").asString())
        .startsWith("The request line and headers are larger than the server reads");
    // a request that is only malformed says no more than that
    assertThat(api.get("/dealStages?%FF=1").json().path("detail").asString())
        .startsWith("The query string cannot be read");
  }

  @Test
  void oddQueryStringsAreClientErrors() {
    for (String query :
        List.of(
            "?limit=abc",
            "?limit=-5",
            "?limit=99999999999",
            "?sort=",
            "?sort=id,sideways",
            "?cursor=%00",
            "?id=",
            "?id=,,,",
            "?q=%25%5F%5C",
            "?createTimestampFrom=2026-13-45",
            "?isEditable=",
            "?limit=1&limit=2",
            "?%FF=1")) {
      Reply reply = api.get("/dealStages" + query);
      assertThat(reply.status()).as(query + " -> " + reply.body()).isLessThan(500);
      if (reply.status() >= 400) {
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
      }
    }
  }
}
