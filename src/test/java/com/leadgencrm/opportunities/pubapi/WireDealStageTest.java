package com.leadgencrm.opportunities.pubapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.IntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The DealStage family of the wire protocol: exact rows and answers. */
@IntegrationTest
class WireDealStageTest {

  @Autowired Api api;
  @Autowired JdbcClient jdbc;
  Wire wire;

  @BeforeEach
  void client() {
    wire = new Wire(api, jdbc);
  }

  long create(String name) {
    JsonNode created =
        wire.call(
            """
            {"method":"createDealStages","params":{"objects":[{"dealStageName":"%s",
             "description":"","defaultProbability":"25","weight":"77","isEditable":"1"}]},"id":1}"""
                .formatted(name));
    assertThat(created.path("error").isNull()).as(created.toString()).isTrue();
    return created.path("result").path("creates").get(0).path("id").asLong();
  }

  @Test
  void stagesAreCreatedAndReadAsRowsOfStrings() {
    String name = "Wire " + UUID.randomUUID();
    long id = create(name);
    JsonNode rest = api.get("/dealStages/" + id).json();
    assertThat(rest.path("defaultProbability").asInt()).isEqualTo(25);
    assertThat(rest.path("weight").asLong()).isEqualTo(77);
    assertThat(rest.path("description").asString()).isEmpty();

    wire.pin("deal_stage", id);
    String row =
        """
        {"id":"%d","dealStageName":"%s","description":"","defaultProbability":"25","weight":"77",
         "isEditable":"1","createTimestamp":"%s","updateTimestamp":"%s"}""";
    assertThat(
            wire.call(
                    "{\"method\":\"getDealStages\",\"params\":{\"where\":{\"dealStageName\":\""
                        + name
                        + "\"}},\"id\":1}")
                .path("result"))
        .isEqualTo(
            Wire.parse(
                "{\"dealStage\":["
                    + row.formatted(id, name, "2026-03-01 09:30:00", "2026-07-01 23:59:59")
                    + "]}"));
    assertThat(
            wire.callV1(
                "{\"method\":\"getDealStage\",\"params\":{\"id\":" + id + "},\"id\":\"s\"}"))
        .isEqualTo(
            Wire.parse(
                "{\"result\":{\"dealStage\":["
                    + row.formatted(id, name, "2026-03-01 04:30:00", "2026-07-01 19:59:59")
                    + "]},\"error\":null,\"id\":\"s\"}"));
  }

  @Test
  void aSeededStageIsReadWithItsFlagsAsOneAndZero() {
    JsonNode row =
        wire.call("{\"method\":\"getDealStage\",\"params\":{\"id\":7},\"id\":1}")
            .path("result")
            .path("dealStage")
            .get(0);
    ObjectNode withoutTimestamps = ((ObjectNode) row.deepCopy());
    assertThat(withoutTimestamps.remove("createTimestamp").asString())
        .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
    assertThat(withoutTimestamps.remove("updateTimestamp").asString())
        .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
    assertThat(withoutTimestamps)
        .isEqualTo(
            Wire.parse(
                """
                {"id":"7","dealStageName":"Closed Lost","description":"The deal was lost",
                 "defaultProbability":"0","weight":"7","isEditable":"0"}"""));
  }

  @Test
  void aNameTakenIs301AndALockedStageIs302() {
    String name = "Wire " + UUID.randomUUID();
    long id = create(name);
    assertThat(
            wire.call(
                    """
                    {"method":"createDealStages","params":{"objects":[{"dealStageName":"%s"}]},"id":1}"""
                        .formatted(name.toUpperCase()))
                .path("result")
                .path("creates"))
        .isEqualTo(
            Wire.parse(
                """
                [{"success":false,"error":{"code":301,"message":"Entry already exists: A deal stage named '%s' already exists (names are unique whatever their letter case)","data":[]}}]"""
                    .formatted(name.toUpperCase())));
    assertThat(
            wire.call(
                    "{\"method\":\"updateDealStages\",\"params\":{\"objects\":[{\"id\":"
                        + id
                        + ",\"description\":\"via wire\"},{\"id\":6,\"description\":\"locked\"}]},\"id\":1}")
                .path("result")
                .path("updates"))
        .isEqualTo(
            Wire.parse(
                """
                [{"success":true,"error":null},{"success":false,"error":{"code":302,"message":"No table rows affected: Deal stage 6 is not editable: it can only be made editable again (isEditable=true)","data":[]}}]"""));
    assertThat(api.get("/dealStages/" + id).json().path("description").asString())
        .isEqualTo("via wire");
  }

  @Test
  void aClientMaySendBackTheRowItReadTimestampsIncluded() {
    long id = create("Wire " + UUID.randomUUID());
    JsonNode row =
        wire.call("{\"method\":\"getDealStage\",\"params\":{\"id\":" + id + "},\"id\":1}")
            .path("result")
            .path("dealStage")
            .get(0);
    ObjectNode changed = ((ObjectNode) row.deepCopy()).put("defaultProbability", "35.5");
    assertThat(
            wire.call(
                "{\"method\":\"updateDealStages\",\"params\":{\"objects\":["
                    + changed
                    + "]},\"id\":1}"))
        .isEqualTo(
            Wire.parse(
                "{\"result\":{\"updates\":[{\"success\":true,\"error\":null}]},\"error\":null,\"id\":1}"));
    assertThat(api.get("/dealStages/" + id).json().path("defaultProbability").asString())
        .isEqualTo("35.5");
  }

  @Test
  void nullForTheRequiredNameInAnUpdateMeansNotGiven() {
    String name = "Wire " + UUID.randomUUID();
    long id = create(name);
    assertThat(
            wire.call(
                    "{\"method\":\"updateDealStages\",\"params\":{\"objects\":[{\"id\":"
                        + id
                        + ",\"dealStageName\":null,\"description\":null}]},\"id\":1}")
                .path("error")
                .isNull())
        .isTrue();
    JsonNode rest = api.get("/dealStages/" + id).json();
    assertThat(rest.path("dealStageName").asString()).isEqualTo(name);
    assertThat(rest.path("description").isNull()).isTrue();
  }

  @Test
  void stagesAreDeletedAndAStageInUseIsNot() {
    long id = create("Wire " + UUID.randomUUID());
    assertThat(
            wire.call(
                    "{\"method\":\"deleteDealStages\",\"params\":{\"objects\":[{\"id\":"
                        + id
                        + "},{\"id\":"
                        + id
                        + "},{\"id\":\"x\"}]},\"id\":1}")
                .path("result")
                .path("deletes"))
        .isEqualTo(
            Wire.parse(
                """
                [{"success":true,"error":null},
                 {"success":false,"error":{"code":302,"message":"No table rows affected: Deal stage %d does not exist","data":[]}},
                 {"success":false,"error":{"code":205,"message":"Invalid parameters: id is required: the id of the object","data":[{"field":"id","message":"is required: the id of the object"}]}}]"""
                    .formatted(id)));
  }
}
