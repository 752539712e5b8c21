package com.leadgencrm.opportunities.pubapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Api.Reply;
import com.leadgencrm.opportunities.support.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Whatever the params, the wire protocol answers HTTP 200 with its envelope: each case here was a
 * 500 problem (or a 415) before.
 */
@IntegrationTest
class WireAlwaysAnswersTest {

  static final String PATH =
      "/pubapi/v1.2?accountID=test_admin&secretKey=0123456789abcdefghijklmnopqrstuv";
  static final List<String> READS =
      List.of("getOpportunities", "getOpportunityLeads", "getDealStages", "getFields");
  static final List<String> DATE_RANGES =
      List.of(
          "getOpportunitiesDateRange",
          "getOpportunityLeadsDateRange",
          "getDealStagesDateRange",
          "getFieldsDateRange");

  @Autowired Api api;

  JsonNode post(String contentType, String body) {
    Reply reply = api.anonymous().request("POST", PATH).body(contentType, body).send();
    assertThat(reply.status()).as(body + " -> " + reply.body()).isEqualTo(200);
    JsonNode envelope = reply.json();
    assertThat(envelope.propertyNames()).containsExactly("result", "error", "id");
    return envelope;
  }

  JsonNode call(String method, String params) {
    return post(
        "application/json", "{\"method\":\"" + method + "\",\"params\":" + params + ",\"id\":7}");
  }

  static int code(JsonNode envelope) {
    return envelope.path("error").path("code").asInt();
  }

  @Test
  void everySpellingOfAWirePathIsReadBeforeItsCallerIsChecked() {
    // The wire's security chain covers what its path pattern matches, /pubapi itself and
    // percent-encoded spellings included; the filter that reads the call tested a prefix of the raw
    // URI, so these reached authentication unread: a 500.
    String call = "{\"method\":\"getDealStage\",\"params\":{\"id\":1},\"id\":1}";
    for (String path : List.of("/pubapi", "/pubapi?x", "/pub%61pi/v1")) {
      Reply refused = api.anonymous().request("POST", path).json(call).send();
      assertThat(refused.status()).as(path).isEqualTo(200);
      assertThat(code(refused.json())).as(path).isEqualTo(105);
    }
    String credentials = PATH.substring(PATH.indexOf('?'));
    Reply encoded =
        api.anonymous().request("POST", "/pub%61pi/v1.2" + credentials).json(call).send();
    assertThat(encoded.json().path("result").path("dealStage").path(0).path("id").asString())
        .isEqualTo("1");
    Reply noMethodHere = api.anonymous().request("POST", "/pubapi" + credentials).json(call).send();
    assertThat(noMethodHere.status()).isEqualTo(404);
    assertThat(noMethodHere.json().path("detail").asString())
        .isEqualTo("No such resource: /pubapi");
  }

  @Test
  void countsBeyond64BitsAreReadOrRefusedInTheEnvelope() {
    for (String method : READS) {
      // beyond 64 bits: a limit of "all", an offset past every row
      for (String params :
          List.of(
              "{\"limit\":18446744073709551616}",
              "{\"limit\":\"18446744073709551616\"}",
              "{\"limit\":99999999999999999999999999999999999999}")) {
        JsonNode envelope = call(method, params);
        assertThat(envelope.path("error").isNull()).as(method + params).isTrue();
      }
      JsonNode past = call(method, "{\"offset\":18446744073709551616}");
      assertThat(past.path("error").isNull()).isTrue();
      assertThat(past.path("result").values().iterator().next().isEmpty()).isTrue();
      for (String params :
          List.of(
              "{\"limit\":-18446744073709551616}",
              "{\"offset\":-18446744073709551616}",
              "{\"offset\":\"-1\"}",
              "{\"limit\":1e400}",
              "{\"limit\":1e-99999999}",
              "{\"offset\":1.5}",
              "{\"limit\":{}}",
              "{\"offset\":[1]}",
              "{\"limit\":true}",
              "{\"limit\":\"" + "9".repeat(1000) + "x\"}")) {
        JsonNode envelope = call(method, params);
        assertThat(code(envelope)).as(method + params).isEqualTo(205);
        assertThat(envelope.path("error").path("message").asString())
            .matches("Invalid parameters: (limit|offset) must be a whole number, 0 or more");
      }
    }
  }

  @Test
  void aTimestampThatIsNoStringIsInvalidInEveryDateRange() {
    for (String method : DATE_RANGES) {
      for (String timestamp : List.of("{}", "[]", "[\"update\"]", "{\"a\":1}", "1", "true")) {
        JsonNode envelope =
            call(
                method,
                "{\"startDate\":\"2020-01-01 00:00:00\",\"endDate\":\"2030-01-01 00:00:00\","
                    + "\"timestamp\":"
                    + timestamp
                    + "}");
        assertThat(code(envelope)).as(method + " " + timestamp).isEqualTo(205);
        assertThat(envelope.path("error").path("message").asString())
            .isEqualTo("Invalid parameters: timestamp must be create or update");
        assertThat(envelope.path("id").asInt()).isEqualTo(7);
      }
      for (String dates :
          List.of(
              "\"startDate\":{},\"endDate\":[]",
              "\"startDate\":1,\"endDate\":2",
              "\"startDate\":\"2020-01-01 00:00:00\",\"endDate\":\""
                  + "9".repeat(100_000)
                  + "\"")) {
        assertThat(code(call(method, "{" + dates + "}"))).as(method + dates).isEqualTo(205);
      }
    }
  }

  @Test
  void theIdIsEchoedAsItCameWhateverItIs() {
    // a decimal id was written back in plain digits: a 500 from 1e-10000 on
    for (String id :
        List.of(
            "1E-30000000",
            "1E-10000",
            "1E+400",
            "1.50",
            "123456789012345678901234567890",
            "-1",
            "\"\\u0000\"",
            "{\"a\":[1,{\"b\":null}]}",
            "[]",
            "true")) {
      Reply reply =
          api.anonymous()
              .request("POST", PATH)
              .json("{\"method\":\"getDealStage\",\"params\":{\"id\":1},\"id\":" + id + "}")
              .send();
      assertThat(reply.status()).as(id).isEqualTo(200);
      assertThat(reply.body()).as(id).endsWith(",\"id\":" + id + "}");
    }
  }

  @Test
  void anyContentTypeIsReadAsJsonEvenOneThatCannotBeParsed() {
    String body = "{\"method\":\"getDealStage\",\"params\":{\"id\":1},\"id\":\"x\"}";
    for (String type :
        List.of(
            "application/json; charset=ebcdic",
            "\"quoted",
            "application/json; charset=\"",
            "text/plain; charset=utf-16",
            "multipart/form-data",
            "multipart/form-data; boundary=x",
            ";;;")) {
      JsonNode envelope = post(type, body);
      assertThat(envelope.path("result").path("dealStage").get(0).path("dealStageName").asString())
          .as(type)
          .isEqualTo("Prospecting");
    }
  }
}
