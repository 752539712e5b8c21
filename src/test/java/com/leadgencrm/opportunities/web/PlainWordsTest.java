package com.leadgencrm.opportunities.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Api.Reply;
import com.leadgencrm.opportunities.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Problems speak to clients in their own terms: a body that is no JSON is described in plain words,
 * never with the parser's class and switch names, and {@code /error}, called directly, is no
 * resource.
 */
@IntegrationTest
class PlainWordsTest {

  static final List<String> INTERNALS =
      List.of(
          "`",
          "jackson",
          "Jackson",
          "StreamReadConstraints",
          "DeserializationFeature",
          "JsonReadFeature",
          "StreamReadFeature",
          "JsonToken",
          "JsonNode",
          "REDACTED",
          "Feature",
          "#UNKNOWN");

  @Autowired Api api;

  @Test
  void malformedJsonIsDescribedInPlainWords() {
    Map<String, String> bodies =
        Map.ofEntries(
            Map.entry(
                "[".repeat(600) + "]".repeat(600), "The JSON is nested more than 500 levels deep"),
            Map.entry(
                "{\"amount\":" + "9".repeat(1500) + "}",
                "A number in the JSON is longer than 1000 characters"),
            Map.entry(
                "{\"" + "x".repeat(60_000) + "\":1}",
                "A property name in the JSON is longer than 50000 characters"),
            Map.entry(
                "{} {}",
                "Malformed JSON: more follows the JSON value; send one JSON document (line 1, column 4)"),
            Map.entry(
                "{\"amount\":NaN}", "Malformed JSON: Non-standard token 'NaN' (line 1, column 14)"),
            Map.entry(
                "{\"amount\":+1}",
                "Malformed JSON: Unexpected character ('+' (code 43)) in numeric value: JSON spec does"
                    + " not allow numbers to have plus signs (line 1, column 12)"),
            Map.entry(
                "/* note */ {}",
                "Malformed JSON: Unexpected character ('/' (code 47)): JSON has no comments (line 1,"
                    + " column 1)"),
            Map.entry(
                "{\"a\":[}",
                "Malformed JSON: Unexpected close marker '}': expected ']' (line 1, column 7)"),
            Map.entry(
                "{\"a\":\"b\"",
                "Malformed JSON: Unexpected end-of-input: expected close marker for Object (line 1,"
                    + " column 9)"));
    for (String path : List.of("/opportunities", "/dealStages", "/opportunities/batch")) {
      bodies.forEach(
          (body, detail) -> {
            Reply reply = api.post(path, body);
            assertThat(reply.status()).as(path + " " + abbreviate(body)).isEqualTo(400);
            String answered = reply.json().path("detail").asString();
            assertThat(INTERNALS).noneMatch(answered::contains);
            assertThat(answered).as(abbreviate(body)).isEqualTo(detail);
            assertThat(reply.json().path("errors").get(0).path("message").asString())
                .isEqualTo(detail);
          });
    }
  }

  @Test
  void errorCalledDirectlyIsNoResource() {
    for (Api caller : List.of(api, api.anonymous())) {
      for (String method : List.of("GET", "POST", "DELETE")) {
        Reply reply = caller.request(method, "/error").send();
        assertThat(reply.status()).as(method).isEqualTo(404);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.json().path("detail").asString()).isEqualTo("No such resource: /error");
      }
    }
    assertThat(api.get("/error?x=1").status()).isEqualTo(404);
  }

  static String abbreviate(String text) {
    return text.length() > 60 ? text.substring(0, 60) + "..." : text;
  }
}
