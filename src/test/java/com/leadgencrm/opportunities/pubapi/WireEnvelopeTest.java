package com.leadgencrm.opportunities.pubapi;

import static com.leadgencrm.opportunities.opportunity.Opportunities.minimal;
import static com.leadgencrm.opportunities.opportunity.Opportunities.uniqueOwner;
import static com.leadgencrm.opportunities.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.core.Role;
import com.leadgencrm.opportunities.opportunity.Opportunities;
import com.leadgencrm.opportunities.security.Keys;
import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Api.Reply;
import com.leadgencrm.opportunities.support.IntegrationTest;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The wire protocol's envelope, as real clients send it: every path, content type and place for
 * credentials; params read leniently; every API-level error code; roles as over REST.
 */
@IntegrationTest
class WireEnvelopeTest {

  @Autowired Api api;
  @Autowired JdbcClient jdbc;
  Wire wire;

  @BeforeEach
  void client() {
    wire = new Wire(api, jdbc);
  }

  @Test
  void everyPathFormAndContentTypeIsAccepted() {
    String body = "{\"method\":\"getDealStage\",\"params\":{\"id\":1},\"id\":\"x\"}";
    for (String path : List.of("/pubapi/v1", "/pubapi/v1/", "/pubapi/v1.2", "/pubapi/v1.2/")) {
      for (String type :
          new String[] {
            "application/json", "text/plain", "application/x-www-form-urlencoded", null
          }) {
        Reply reply = wire.rpc(path + "?" + Wire.CREDENTIALS, type, body);
        assertThat(reply.status()).as(path + " " + type).isEqualTo(200);
        assertThat(
                reply
                    .json()
                    .path("result")
                    .path("dealStage")
                    .path(0)
                    .path("dealStageName")
                    .asString())
            .as(path + " " + type + ": " + reply.body())
            .isEqualTo("Prospecting");
      }
    }
  }

  @Test
  void aRequestTargetInAbsoluteFormIsAccepted() throws Exception {
    byte[] body =
        "{\"method\":\"getDealStage\",\"params\":{\"id\":\"2\"},\"id\":9}"
            .getBytes(StandardCharsets.UTF_8);
    String port = api.baseUrl().substring(api.baseUrl().lastIndexOf(':') + 1);
    try (Socket socket = new Socket("127.0.0.1", Integer.parseInt(port))) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST http://localhost:"
                  + port
                  + "/pubapi/v1.2?"
                  + Wire.CREDENTIALS
                  + " HTTP/1.1\r\nHost: localhost:"
                  + port
                  + "\r\nContent-Type: application/json\r\nContent-Length: "
                  + body.length
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(response).startsWith("HTTP/1.1 200");
      JsonNode envelope = Wire.parse(response.substring(response.indexOf("\r\n\r\n") + 4));
      assertThat(envelope.path("result").path("dealStage").get(0).path("dealStageName").asString())
          .isEqualTo("Qualification");
      assertThat(envelope.path("id").asInt()).isEqualTo(9);
    }
  }

  @Test
  void theRequestIdComesBackWithItsJsonType() {
    String params = "\"method\":\"getDealStage\",\"params\":{\"id\":1}";
    assertThat(wire.call("{" + params + ",\"id\":\"\"}").path("id").isString()).isTrue();
    assertThat(wire.call("{" + params + ",\"id\":\"\"}").path("id").asString()).isEmpty();
    assertThat(wire.call("{" + params + ",\"id\":42}").path("id").isIntegralNumber()).isTrue();
    assertThat(wire.call("{" + params + ",\"id\":\"42\"}").path("id").isString()).isTrue();
    assertThat(wire.call("{" + params + ",\"id\":42}").path("error").isNull()).isTrue();
  }

  @Test
  void credentialsMayComeInABodyHeader() {
    Reply reply =
        wire.rpc(
            "/pubapi/v1.2",
            "application/json",
            "{\"method\":\"getDealStage\",\"params\":{\"id\":1},\"id\":1,"
                + "\"header\":{\"accountID\":\"test_admin\",\"secretKey\":\"0123456789abcdefghijklmnopqrstuv\"}}");
    assertThat(reply.json().path("error").isNull()).isTrue();
  }

  @Test
  void anIdempotencyKeyBelongsToTheAccountOfTheBodyHeaderToo() {
    // a write: reads are never kept for a retry
    String other = Keys.create(api, Role.ADMINISTRATOR, 1, null).json().path("token").asString();
    String otherAccount = other.substring(0, other.indexOf('.'));
    String otherSecret = other.substring(other.indexOf('.') + 1);
    String key = "wire-header-" + System.nanoTime();
    List<Reply> replies = new ArrayList<>();
    for (String[] credentials :
        List.of(
            new String[] {"test_admin", "0123456789abcdefghijklmnopqrstuv"},
            new String[] {otherAccount, otherSecret},
            new String[] {"test_admin", "0123456789abcdefghijklmnopqrstuv"})) {
      String body =
          "{\"method\":\"updateDealStages\",\"params\":{\"objects\":[{\"id\":4,"
              + "\"description\":\"A proposal or quote has been sent\"}]},\"id\":1,"
              + "\"header\":{\"accountID\":\""
              + credentials[0]
              + "\",\"secretKey\":\""
              + credentials[1]
              + "\"}}";
      replies.add(
          api.anonymous()
              .request("POST", "/pubapi/v1.2")
              .header("Idempotency-Key", key)
              .body("application/json", body)
              .send());
    }
    // the other account's first use of the key is its own (not 422 for "another request")
    for (Reply reply : replies) {
      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.json().path("error").isNull()).as(reply.body()).isTrue();
    }
    assertThat(replies.get(1).header("Idempotent-Replayed")).isNull();
    assertThat(replies.get(2).header("Idempotent-Replayed")).isEqualTo("true");
  }

  @Test
  void whereLimitAndOffsetAreLenient() {
    long owner = uniqueOwner();
    for (int i = 0; i < 7; i++) {
      Opportunities.create(api, minimal(owner));
    }
    String where = "{\"ownerID\":\"" + owner + "\"}";
    for (String limit : List.of("\"5\"", "5")) {
      JsonNode rows =
          wire.call(
                  "{\"method\":\"getOpportunities\",\"params\":{\"where\":"
                      + where
                      + ",\"limit\":"
                      + limit
                      + "},\"id\":1}")
              .path("result")
              .path("opportunity");
      assertThat(rows.size()).as(limit).isEqualTo(5);
    }
    JsonNode all =
        wire.call(
                "{\"method\":\"getOpportunities\",\"params\":{\"where\":"
                    + where
                    + ",\"limit\":\"\",\"offset\":\"\"},\"id\":1}")
            .path("result")
            .path("opportunity");
    assertThat(all.size()).isEqualTo(7);
    JsonNode rest =
        wire.call(
                "{\"method\":\"getOpportunities\",\"params\":{\"where\":{\"ownerID\":"
                    + owner
                    + "},\"limit\":5,\"offset\":\"5\"},\"id\":1}")
            .path("result")
            .path("opportunity");
    assertThat(rest.size()).isEqualTo(2);
    assertThat(rest.get(0).path("id").asString()).isEqualTo(all.get(5).path("id").asString());
    for (String empty : List.of("[]", "{}", "\"\"")) {
      JsonNode rows =
          wire.call(
                  "{\"method\":\"getDealStages\",\"params\":{\"where\":"
                      + empty
                      + ",\"limit\":3},\"id\":1}")
              .path("result")
              .path("dealStage");
      assertThat(rows.size()).as(empty).isEqualTo(3);
    }
    assertThat(
            wire.call(
                    "{\"method\":\"getDealStages\",\"params\":{\"where\":{},\"limit\":9999},\"id\":1}")
                .path("error")
                .isNull())
        .isTrue();
  }

  // ---- each family: exact answers, and the same data as the REST API

  @Test
  void apiLevelErrors() {
    assertThat(wire.rpc("/pubapi/v1.2?" + Wire.CREDENTIALS, "application/json", "{not json").json())
        .isEqualTo(
            Wire.parse(
                "{\"result\":null,\"error\":"
                    + Wire.errorOf(101, "Invalid request data format")
                    + ",\"id\":null}"));
    assertThat(wire.call("[1,2]").path("error"))
        .isEqualTo(Wire.errorOf(101, "Invalid request data format"));
    assertThat(wire.call("{\"method\":\"getDealStage\",\"params\":{\"id\":1}}"))
        .isEqualTo(
            Wire.parse(
                "{\"result\":null,\"error\":"
                    + Wire.errorOf(102, "Header missing request ID")
                    + ",\"id\":null}"));
    for (String credentials :
        List.of("", "accountID=test_admin&secretKey=wrong", "accountID=nobody&secretKey=x")) {
      assertThat(
              wire.rpc(
                      "/pubapi/v1.2?" + credentials,
                      "application/json",
                      "{\"method\":\"getDealStage\",\"params\":{\"id\":1},\"id\":5}")
                  .json())
          .isEqualTo(
              Wire.parse(
                  "{\"result\":null,\"error\":"
                      + Wire.errorOf(105, "User authentication failed")
                      + ",\"id\":5}"));
    }
    assertThat(wire.call("{\"params\":{},\"id\":1}").path("error"))
        .isEqualTo(Wire.errorOf(201, "Missing method"));
    assertThat(wire.call("{\"method\":\"getDealStage\",\"id\":1}").path("error"))
        .isEqualTo(Wire.errorOf(202, "Missing params"));
    assertThat(wire.call("{\"method\":\"launchRockets\",\"params\":{},\"id\":1}").path("error"))
        .isEqualTo(Wire.errorOf(204, "Invalid method"));
    assertThat(
            wire.call("{\"method\":\"getOpportunities\",\"params\":{\"limit\":\"many\"},\"id\":1}")
                .path("error"))
        .isEqualTo(
            Wire.errorOf(205, "Invalid parameters: limit must be a whole number, 0 or more"));
    assertThat(
            wire.call(
                    "{\"method\":\"getOpportunities\",\"params\":{\"where\":{\"colour\":\"red\"}},\"id\":1}")
                .path("error"))
        .isEqualTo(
            Wire.parse(
                """
                {"code":205,"message":"Invalid parameters",
                 "data":[{"field":"colour","message":"is not a field that can be filtered on"}]}"""));
    assertThat(wire.call("{\"method\":\"getOpportunity\",\"params\":{},\"id\":1}").path("error"))
        .isEqualTo(Wire.errorOf(206, "Missing parameters: id"));
    assertThat(
            wire.call("{\"method\":\"createOpportunities\",\"params\":{},\"id\":1}").path("error"))
        .isEqualTo(Wire.errorOf(207, "Missing objects array"));
    assertThat(
            wire.call("{\"method\":\"getOpportunity\",\"params\":{\"id\":\"999999999\"},\"id\":1}"))
        .isEqualTo(Wire.parse("{\"result\":{\"opportunity\":[]},\"error\":null,\"id\":1}"));
  }

  @Test
  void paramsThatCannotBeReadAre205Or206NamingTheParameter() {
    assertThat(wire.call("{\"method\":\"getDealStages\",\"params\":\"x\",\"id\":1}").path("error"))
        .isEqualTo(Wire.errorOf(205, "Invalid parameters: params must be an object"));
    assertThat(wire.call("{\"method\":7,\"params\":{},\"id\":1}").path("error"))
        .isEqualTo(Wire.errorOf(204, "Invalid method"));
    assertThat(
            wire.call("{\"method\":\"getDealStage\",\"params\":{\"id\":\"one\"},\"id\":1}")
                .path("error"))
        .isEqualTo(Wire.errorOf(205, "Invalid parameters: id must be an integer"));
    assertThat(
            wire.call("{\"method\":\"getDealStage\",\"params\":{\"id\":\"\"},\"id\":1}")
                .path("error"))
        .isEqualTo(Wire.errorOf(206, "Missing parameters: id"));
    assertThat(
            wire.call("{\"method\":\"getDealStages\",\"params\":{\"where\":[1]},\"id\":1}")
                .path("error"))
        .isEqualTo(Wire.errorOf(205, "Invalid parameters: where must be an object"));
    assertThat(
            wire.call("{\"method\":\"getDealStages\",\"params\":{\"offset\":-1},\"id\":1}")
                .path("error"))
        .isEqualTo(
            Wire.errorOf(205, "Invalid parameters: offset must be a whole number, 0 or more"));
    assertThat(
            wire.call(
                    "{\"method\":\"getDealStagesDateRange\",\"params\":{\"startDate\":\"2026-01-01\"},\"id\":1}")
                .path("error"))
        .isEqualTo(Wire.errorOf(206, "Missing parameters: startDate and endDate"));
    assertThat(
            wire.call(
                    "{\"method\":\"getDealStagesDateRange\",\"params\":{\"startDate\":\"soon\","
                        + "\"endDate\":\"2026-01-01 00:00:00\"},\"id\":1}")
                .path("error"))
        .isEqualTo(
            Wire.errorOf(
                205, "Invalid parameters: startDate and endDate must be YYYY-MM-DD HH:MM:SS"));
    assertThat(
            wire.call(
                    "{\"method\":\"getDealStagesDateRange\",\"params\":{\"startDate\":\"2026-01-01\","
                        + "\"endDate\":\"2026-01-02\",\"timestamp\":\"delete\"},\"id\":1}")
                .path("error"))
        .isEqualTo(Wire.errorOf(205, "Invalid parameters: timestamp must be create or update"));
    // params given as an empty array, as some clients encode an empty object
    assertThat(
            wire.call("{\"method\":\"getDealStages\",\"params\":[],\"id\":1}")
                .path("result")
                .path("dealStage")
                .size())
        .isGreaterThanOrEqualTo(7);
  }

  @Test
  void anAccountIdNoKeyCanHaveIsRefusedLikeAWrongOneWithOrWithoutAnIdempotencyKey() {
    // found by GeneratedInputTest (seed 4964634450602): a NUL byte in accountID reached PostgreSQL
    // through the idempotency scope and was answered 503
    String body =
        "{\"method\":\"createDealStages\",\"params\":{\"objects\":[{\"dealStageName\":\"Nul\"}]},\"id\":7}";
    for (String account :
        List.of("%00test_admin", "test_admin%00", "%C3%A9t%C3%A9", "k".repeat(65))) {
      for (String idempotencyKey : new String[] {null, "retry-" + account.length()}) {
        Api.Request request =
            api.anonymous()
                .request(
                    "POST",
                    "/pubapi/v1?accountID="
                        + account
                        + "&secretKey=0123456789abcdefghijklmnopqrstuv");
        if (idempotencyKey != null) {
          request.header("Idempotency-Key", idempotencyKey);
        }
        Reply reply = request.body("application/json", body).send();
        assertThat(reply.status()).as(account + " " + idempotencyKey).isEqualTo(200);
        assertThat(reply.json())
            .as(account + " " + idempotencyKey)
            .isEqualTo(
                Wire.parse(
                    "{\"result\":null,\"error\":"
                        + Wire.errorOf(105, "User authentication failed")
                        + ",\"id\":7}"));
      }
    }
    assertThat(
            wire.call(
                    "{\"method\":\"getDealStages\",\"params\":{\"where\":{\"dealStageName\":\"Nul\"}},\"id\":1}")
                .path("result")
                .path("dealStage"))
        .isEmpty();
    // and a value PostgreSQL cannot compare is invalid parameters, not an unavailable database
    assertThat(
            wire.call(
                    "{\"method\":\"getOpportunities\",\"params\":{\"where\":{\"opportunityName\":\"a\\u0000b\"}},\"id\":1}")
                .path("error")
                .path("code")
                .asInt())
        .isEqualTo(205);
  }

  @Test
  void moreThan500ObjectsIs209AndWritesNothing() {
    long owner = uniqueOwner();
    List<Map<String, Object>> objects = new ArrayList<>();
    for (int i = 0; i < 501; i++) {
      objects.add(minimal(owner));
    }
    JsonNode answer =
        wire.call(
            json(
                Map.of(
                    "method",
                    "createOpportunities",
                    "params",
                    Map.of("objects", objects),
                    "id",
                    1)));
    assertThat(answer.path("error")).isEqualTo(Wire.errorOf(209, "Too many objects: at most 500"));
    assertThat(answer.path("result").isNull()).isTrue();
    assertThat(api.get("/opportunities?ownerID=" + owner).json().path("items").isEmpty()).isTrue();
  }

  @Test
  void rolesAndOwnerScopingAreTheRestApis() {
    long me = uniqueOwner();
    long other = uniqueOwner();
    Opportunities.create(api, minimal(me));
    Opportunities.create(api, minimal(other));
    Reply key = Keys.create(api, Role.SALESPERSON, me, null);
    String credentials =
        "accountID="
            + key.json().path("id").asString()
            + "&secretKey="
            + key.json().path("secret").asString();
    JsonNode mine =
        wire.rpc(
                "/pubapi/v1.2?" + credentials,
                "application/json",
                "{\"method\":\"getOpportunities\",\"params\":{\"where\":{}},\"id\":1}")
            .json()
            .path("result")
            .path("opportunity");
    assertThat(mine.findValuesAsString("ownerID")).containsOnly(Long.toString(me));
    JsonNode forOther =
        wire.rpc(
                "/pubapi/v1.2?" + credentials,
                "application/json",
                """
        {"method":"createOpportunities","params":{"objects":[{"ownerID":%d,"dealStageID":2,"opportunityName":"x",
         "closeDate":"2026-11-26"}]},"id":1}"""
                    .formatted(other))
            .json();
    assertThat(forOther.path("result").path("creates").get(0))
        .isEqualTo(
            Wire.parse(
                """
                {"success":false,"error":{"code":205,"message":"Invalid parameters: ownerID A SALESPERSON \
                cannot create opportunities for another owner: ownerID must be %d","data":[{"field":"ownerID",\
                "message":"A SALESPERSON cannot create opportunities for another owner: ownerID must be %d"}]}}"""
                    .formatted(me, me)));

    Reply marketing = Keys.create(api, Role.MARKETING_MANAGER, me, null);
    JsonNode refused =
        wire.rpc(
                "/pubapi/v1.2?accountID="
                    + marketing.json().path("id").asString()
                    + "&secretKey="
                    + marketing.json().path("secret").asString(),
                "application/json",
                """
                {"method":"createOpportunities","params":{"objects":[{"ownerID":%d,"dealStageID":2,
                 "opportunityName":"x","closeDate":"2026-11-26"}]},"id":1}"""
                    .formatted(me))
            .json();
    assertThat(refused)
        .isEqualTo(
            Wire.parse(
                """
                {"result":null,"error":{"code":105,"message":"User authentication failed: the role of \
                this API key (MARKETING_MANAGER) may not call createOpportunities","data":[]},"id":1}"""));
  }
}
