package com.leadgencrm.opportunities.pubapi;

import static com.leadgencrm.opportunities.opportunity.Opportunities.minimal;
import static com.leadgencrm.opportunities.opportunity.Opportunities.uniqueOwner;
import static com.leadgencrm.opportunities.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.opportunity.Opportunities;
import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Opportunity family of the wire protocol: the exact rows and answers, the same data as the
 * REST API, and the leniency real clients need (SPEC §4).
 */
@IntegrationTest
class WireOpportunityTest {

  @Autowired Api api;
  @Autowired JdbcClient jdbc;
  Wire wire;

  @BeforeEach
  void client() {
    wire = new Wire(api, jdbc);
  }

  @Test
  void opportunitiesCreatedOverTheWireAreTheRestApisAndBack() {
    long owner = uniqueOwner();
    JsonNode created =
        wire.call(
            """
            {"method":"createOpportunities","params":{"objects":[
              {"ownerID":"%d","dealStageID":4,"opportunityName":"Wire deal","closeDate":"2026-11-26",
               "amount":"1500.5","isActive":"1","isClosed":0,"isWon":false,"accountID":"","primaryLeadID":12}
            ]},"id":"c1"}"""
                .formatted(owner));
    long id = created.path("result").path("creates").get(0).path("id").asLong();
    assertThat(created)
        .isEqualTo(
            Wire.parse(
                """
                {"result":{"creates":[{"success":true,"error":null,"id":%d}]},"error":null,"id":"c1"}"""
                    .formatted(id)));

    JsonNode rest = api.get("/opportunities/" + id).json();
    assertThat(rest.path("amount").decimalValue()).isEqualByComparingTo("1500.50");
    assertThat(rest.path("closeDate").asString()).isEqualTo("2026-11-26T00:00:00Z");
    assertThat(rest.path("probability").asInt()).isEqualTo(60);
    assertThat(rest.path("isActive").asBoolean()).isTrue();
    assertThat(rest.path("accountID").isNull()).isTrue();
    assertThat(rest.path("primaryLeadID").asLong()).isEqualTo(12);

    wire.pin("opportunity", id);
    JsonNode read =
        wire.call("{\"method\":\"getOpportunity\",\"params\":{\"id\":\"" + id + "\"},\"id\":2}");
    assertThat(read.path("error").isNull()).isTrue();
    assertThat(read.path("id").asInt()).isEqualTo(2);
    assertThat(read.path("result").path("opportunity").size()).isEqualTo(1);
    wire.assertOpportunityRow(
        read.path("result").path("opportunity").get(0),
        """
        {"id":"%d","ownerID":"%d","dealStageID":"4","accountID":null,"campaignID":null,
         "opportunityName":"Wire deal","probability":"60","amount":"1500.50","isClosed":"0",
         "isWon":"0","isActive":"1","closeDate":"2026-11-26 00:00:00","originatingLeadID":null,
         "primaryLeadID":"12","createTimestamp":"2026-03-01 09:30:00",
         "updateTimestamp":"2026-07-01 23:59:59"}"""
            .formatted(id, owner));
  }

  @Test
  void opportunitiesCreatedOverRestAreReadOverTheWire() {
    long owner = uniqueOwner();
    Map<String, Object> opportunity = minimal(owner);
    opportunity.put("probability", 12.5);
    opportunity.put("isWon", true);
    opportunity.put("campaignID", 88);
    long id = Opportunities.create(api, opportunity);
    wire.pin("opportunity", id);
    JsonNode rows =
        wire.call(
                "{\"method\":\"getOpportunities\",\"params\":{\"where\":{\"ownerID\":"
                    + owner
                    + "}},\"id\":3}")
            .path("result")
            .path("opportunity");
    assertThat(rows.size()).isEqualTo(1);
    wire.assertOpportunityRow(
        rows.get(0),
        """
        {"id":"%d","ownerID":"%d","dealStageID":"2","accountID":null,"campaignID":"88",
         "opportunityName":"Acme %d","probability":"12.5","amount":null,"isClosed":"1",
         "isWon":"1","isActive":"1","closeDate":"2026-12-31 00:00:00","originatingLeadID":null,
         "primaryLeadID":null,"createTimestamp":"2026-03-01 09:30:00",
         "updateTimestamp":"2026-07-01 23:59:59"}"""
            .formatted(id, owner, owner));
  }

  @Test
  void v1SpeaksTheConfiguredZoneAndV12Utc() {
    long owner = uniqueOwner();
    long id = Opportunities.create(api, minimal(owner));
    wire.pin("opportunity", id);
    String read = "{\"method\":\"getOpportunity\",\"params\":{\"id\":" + id + "},\"id\":1}";
    String row =
        """
        {"id":"%d","ownerID":"%d","dealStageID":"2","accountID":null,"campaignID":null,
         "opportunityName":"Acme %d","probability":"20","amount":null,"isClosed":"0","isWon":"0",
         "isActive":"1","closeDate":"%s","originatingLeadID":null,"primaryLeadID":null,
         "createTimestamp":"%s","updateTimestamp":"%s"}""";
    wire.assertOpportunityRow(
        wire.callV1(read).path("result").path("opportunity").get(0),
        row.formatted(
            id, owner, owner, "2026-12-30 19:00:00", "2026-03-01 04:30:00", "2026-07-01 19:59:59"));
    wire.assertOpportunityRow(
        wire.call(read).path("result").path("opportunity").get(0),
        row.formatted(
            id, owner, owner, "2026-12-31 00:00:00", "2026-03-01 09:30:00", "2026-07-01 23:59:59"));
  }

  @Test
  void v1ReadsDateTimesInTheConfiguredZone() {
    long owner = uniqueOwner();
    JsonNode created =
        wire.callV1(
            """
            {"method":"createOpportunities","params":{"objects":[{"ownerID":%d,"dealStageID":2,
             "opportunityName":"New York","closeDate":"2026-12-31 17:00:00"}]},"id":1}"""
                .formatted(owner));
    long id = created.path("result").path("creates").get(0).path("id").asLong();
    assertThat(api.get("/opportunities/" + id).json().path("closeDate").asString())
        .isEqualTo("2026-12-31T22:00:00Z");
  }

  @Test
  void writesReportEverySlotInOrderAndTheFailedOnesAtTheTop() {
    long owner = uniqueOwner();
    JsonNode answer =
        wire.call(
            """
            {"method":"createOpportunities","params":{"objects":[
              {"ownerID":%d,"dealStageID":2,"opportunityName":"ok","closeDate":"2026-11-26"},
              {"ownerID":%d,"dealStageID":2,"closeDate":"2026-11-26"},
              "not an object"
            ]},"id":7}"""
                .formatted(owner, owner));
    long id = answer.path("result").path("creates").get(0).path("id").asLong();
    assertThat(answer)
        .isEqualTo(
            Wire.parse(
                """
                {"result":{"creates":[
                  {"success":true,"error":null,"id":%d},
                  {"success":false,"error":{"code":205,"message":"Invalid parameters: opportunityName is required",
                   "data":[{"field":"opportunityName","message":"is required"}]}},
                  {"success":false,"error":{"code":208,
                   "message":"Object is malformed: each object must be a JSON object","data":[]}}]},
                 "error":[
                  {"code":205,"message":"Invalid parameters: opportunityName is required",
                   "data":[{"field":"opportunityName","message":"is required"}]},
                  {"code":208,"message":"Object is malformed: each object must be a JSON object",
                   "data":[]}],
                 "id":7}"""
                    .formatted(id)));
    assertThat(api.get("/opportunities?ownerID=" + owner).json().path("items").size()).isEqualTo(1);
  }

  @Test
  void anInvalidObjectIs205ListingEveryFieldAndOnlyANonObjectIs208() {
    JsonNode answer =
        wire.call(
            """
            {"method":"createOpportunities","params":{"objects":[
              {"ownerID":"x","dealStageID":"2","probability":"101","isWon":"maybe"},
              {}, [1], 12, null, true
            ]},"id":8}""");
    JsonNode malformed =
        Wire.errorOf(208, "Object is malformed: each object must be a JSON object");
    assertThat(answer.path("result").path("creates"))
        .isEqualTo(
            Wire.parse(
                """
                [{"success":false,"error":{"code":205,"message":"Invalid parameters: 5 invalid fields; see data",
                  "data":[{"field":"closeDate","message":"is required"},
                          {"field":"isWon","message":"must be true or false"},
                          {"field":"opportunityName","message":"is required"},
                          {"field":"ownerID","message":"must be an integer from 1 to 999999999999999999"},
                          {"field":"probability","message":"must be less than or equal to 100"}]}},
                 {"success":false,"error":{"code":205,"message":"Invalid parameters: 4 invalid fields; see data",
                  "data":[{"field":"closeDate","message":"is required"},
                          {"field":"dealStageID","message":"is required"},
                          {"field":"opportunityName","message":"is required"},
                          {"field":"ownerID","message":"is required"}]}},
                 {"success":false,"error":%s},
                 {"success":false,"error":%s},
                 {"success":false,"error":%s},
                 {"success":false,"error":%s}]"""
                    .formatted(malformed, malformed, malformed, malformed)));
    assertThat(answer.path("error").size()).isEqualTo(6);
  }

  @Test
  void updatesAndDeletesOfOpportunities() {
    long owner = uniqueOwner();
    long id = Opportunities.create(api, minimal(owner));
    JsonNode updated =
        wire.call(
            """
            {"method":"updateOpportunities","params":{"objects":[{"id":"%d","amount":99,"isClosed":"1"},
             {"id":999999999999,"amount":1},{"amount":2}]},"id":1}"""
                .formatted(id));
    assertThat(updated.path("result").path("updates"))
        .isEqualTo(
            Wire.parse(
                """
                [{"success":true,"error":null},
                 {"success":false,"error":{"code":302,"message":"No table rows affected: Opportunity 999999999999 does not exist","data":[]}},
                 {"success":false,"error":{"code":205,"message":"Invalid parameters: id is required: the id of the opportunity to patch","data":[{"field":"id","message":"is required: the id of the opportunity to patch"}]}}]"""));
    JsonNode rest = api.get("/opportunities/" + id).json();
    assertThat(rest.path("amount").asInt()).isEqualTo(99);
    assertThat(rest.path("isClosed").asBoolean()).isTrue();

    JsonNode deleted =
        wire.call(
            "{\"method\":\"deleteOpportunities\",\"params\":{\"objects\":[{\"id\":"
                + id
                + "},{\"id\":"
                + id
                + "}]},\"id\":1}");
    assertThat(deleted.path("result").path("deletes"))
        .isEqualTo(
            Wire.parse(
                """
                [{"success":true,"error":null},
                 {"success":false,"error":{"code":302,"message":"No table rows affected: Opportunity %d does not exist","data":[]}}]"""
                    .formatted(id)));
    assertThat(api.get("/opportunities/" + id).status()).isEqualTo(404);
  }

  // ---- SPEC §4: as lenient as real clients need

  @Test
  void aClientMaySendBackTheRowItReadTimestampsIncluded() {
    long owner = uniqueOwner();
    long id = Opportunities.create(api, minimal(owner));
    JsonNode row =
        wire.call("{\"method\":\"getOpportunity\",\"params\":{\"id\":" + id + "},\"id\":1}")
            .path("result")
            .path("opportunity")
            .get(0);
    // a client that knows no custom fields sends back the standard properties it read
    ObjectNode changed = wire.standardPropertiesOf(row).put("amount", "250.00");
    JsonNode updated =
        wire.call(
            "{\"method\":\"updateOpportunities\",\"params\":{\"objects\":["
                + changed
                + "]},\"id\":1}");
    assertThat(updated)
        .isEqualTo(
            Wire.parse(
                """
                {"result":{"updates":[{"success":true,"error":null}]},"error":null,"id":1}"""));
    assertThat(api.get("/opportunities/" + id).json().path("amount").asString())
        .isEqualTo("250.00");
  }

  @Test
  void nullForARequiredPropertyInAnUpdateMeansNotGiven() {
    long owner = uniqueOwner();
    Map<String, Object> opportunity = minimal(owner);
    opportunity.put("accountID", 5012);
    long id = Opportunities.create(api, opportunity);
    JsonNode updated =
        wire.call(
            """
            {"method":"updateOpportunities","params":{"objects":[{"id":"%d","ownerID":null,
             "dealStageID":null,"opportunityName":null,"closeDate":null,"amount":"12",
             "accountID":null,"campaignID":null,"probability":null}]},"id":25}"""
                .formatted(id));
    assertThat(updated.path("error").isNull()).as(updated.toString()).isTrue();
    JsonNode rest = api.get("/opportunities/" + id).json();
    assertThat(rest.path("amount").asString()).isEqualTo("12.00");
    assertThat(rest.path("opportunityName").asString()).isEqualTo("Acme " + owner);
    assertThat(rest.path("closeDate").asString()).isEqualTo("2026-12-31T00:00:00Z");
    assertThat(rest.path("ownerID").asLong()).isEqualTo(owner);
    // an optional property given as null is cleared
    assertThat(rest.path("accountID").isNull()).isTrue();
  }

  @Test
  void aCreateMayCarryTheIdAndTimestampsOfTheRowItWasCopiedFrom() {
    long owner = uniqueOwner();
    JsonNode created =
        wire.call(
            """
            {"method":"createOpportunities","params":{"objects":[{"id":"77","ownerID":"%d",
             "dealStageID":"2","opportunityName":"Copied","closeDate":"2026-12-31",
             "createTimestamp":"2026-01-01 00:00:00","updateTimestamp":"2026-01-01 00:00:00"}]},"id":26}"""
                .formatted(owner));
    assertThat(created.path("error").isNull()).as(created.toString()).isTrue();
    long id = created.path("result").path("creates").get(0).path("id").asLong();
    JsonNode rest = api.get("/opportunities/" + id).json();
    assertThat(rest.path("opportunityName").asString()).isEqualTo("Copied");
    assertThat(rest.path("createTimestamp").asString()).doesNotStartWith("2026-01-01");
  }

  @Test
  void restStaysStrictAboutTheSame() {
    long owner = uniqueOwner();
    Map<String, Object> copied = minimal(owner);
    copied.put("createTimestamp", "2026-01-01T00:00:00Z");
    assertThat(api.post("/opportunities", json(copied)).errorFields())
        .containsExactly("createTimestamp");
    long id = Opportunities.create(api, minimal(owner));
    assertThat(api.patch("/opportunities/" + id, "{\"opportunityName\":null}").errorFields())
        .containsExactly("opportunityName");
  }

  // ---- custom fields and date ranges

  @Test
  void customFieldsAreRowKeysLikeAnyProperty() {
    String seats = "wire_seats_" + System.nanoTime();
    long field =
        api.post(
                "/fields",
                """
                {"relationship":"opportunity","systemName":"%s","label":"Seats","dataType":"integer",
                 "dataLength":9,"isRequired":false,"isCustom":true,"isActive":true,
                 "isAvailableInContactManager":true,"isEditableInContactManager":true,
                 "isAvailableInForms":false}"""
                    .formatted(seats))
            .id();
    try {
      long owner = uniqueOwner();
      JsonNode created =
          wire.call(
              """
              {"method":"createOpportunities","params":{"objects":[{"ownerID":%d,"dealStageID":2,
               "opportunityName":"With seats","closeDate":"2026-11-26","%s":"12"}]},"id":1}"""
                  .formatted(owner, seats));
      long id = created.path("result").path("creates").get(0).path("id").asLong();
      assertThat(api.get("/opportunities/" + id).json().path(seats).asInt()).isEqualTo(12);

      Map<String, Object> viaRest = minimal(owner);
      viaRest.put(seats, 40);
      long restId = Opportunities.create(api, viaRest);
      wire.pin("opportunity", restId);
      JsonNode rows =
          wire.call(
                  "{\"method\":\"getOpportunities\",\"params\":{\"where\":{\""
                      + seats
                      + "\":\"40\"}},\"id\":1}")
              .path("result")
              .path("opportunity");
      assertThat(rows.size()).isEqualTo(1);
      wire.assertOpportunityRow(
          rows.get(0),
          """
          {"id":"%d","ownerID":"%d","dealStageID":"2","accountID":null,"campaignID":null,
           "opportunityName":"Acme %d","probability":"20","amount":null,"isClosed":"0","isWon":"0",
           "isActive":"1","closeDate":"2026-12-31 00:00:00","originatingLeadID":null,
           "primaryLeadID":null,"createTimestamp":"2026-03-01 09:30:00",
           "updateTimestamp":"2026-07-01 23:59:59","%s":"40"}"""
              .formatted(restId, owner, owner, seats));

      JsonNode invalid =
          wire.call(
              """
              {"method":"updateOpportunities","params":{"objects":[{"id":%d,"%s":"many"}]},"id":1}"""
                  .formatted(id, seats));
      assertThat(invalid.path("error"))
          .isEqualTo(
              Wire.parse(
                  """
                  [{"code":205,"message":"Invalid parameters: %s must be an integer from -999999999999999999 to 999999999999999999",
                    "data":[{"field":"%s","message":"must be an integer from -999999999999999999 to 999999999999999999"}]}]"""
                      .formatted(seats, seats)));
    } finally {
      api.delete("/fields/" + field);
    }
  }

  @Test
  void dateRangesOfCreateAndUpdateTimestamps() {
    long owner = uniqueOwner();
    long id = Opportunities.create(api, minimal(owner));
    wire.pin("opportunity", id);
    String range =
        """
        {"method":"getOpportunitiesDateRange","params":{"startDate":"%s","endDate":"%s",
         "timestamp":"%s","limit":500},"id":1}""";
    assertThat(
            wire.call(range.formatted("2026-03-01 09:30:00", "2026-03-01 09:30:01", "create"))
                .path("result")
                .path("opportunity")
                .findValuesAsString("id"))
        .contains(Long.toString(id));
    assertThat(
            wire.call(range.formatted("2026-03-01 09:30:01", "2026-03-01 09:30:02", "create"))
                .path("result")
                .path("opportunity")
                .findValuesAsString("id"))
        .doesNotContain(Long.toString(id));
    // /pubapi/v1 reads the range in its zone: 19:59:59 in New York is 23:59:59 UTC
    assertThat(
            wire.callV1(range.formatted("2026-07-01 19:59:59", "2026-07-01 19:59:59", "update"))
                .path("result")
                .path("opportunity")
                .findValuesAsString("id"))
        .contains(Long.toString(id));
    assertThat(
            wire.call(range.formatted("2026-07-01 19:59:59", "2026-07-01 19:59:59", "update"))
                .path("result")
                .path("opportunity")
                .findValuesAsString("id"))
        .doesNotContain(Long.toString(id));
  }
}
