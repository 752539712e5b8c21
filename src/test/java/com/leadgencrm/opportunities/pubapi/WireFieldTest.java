package com.leadgencrm.opportunities.pubapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Field family of the wire protocol: exact rows and answers, the documented createFields
 * minimum (SPEC §4), and deletes by systemName of custom fields only.
 */
@IntegrationTest
class WireFieldTest {

  @Autowired Api api;
  @Autowired JdbcClient jdbc;
  Wire wire;
  final List<Long> created = new ArrayList<>();

  @BeforeEach
  void client() {
    wire = new Wire(api, jdbc);
  }

  /** Other tests share the database: no field of this test outlives it. */
  @AfterEach
  void deleteFields() {
    created.forEach(id -> api.delete("/fields/" + id));
  }

  long createField(String object) {
    JsonNode answer =
        wire.call(
            "{\"method\":\"createFields\",\"params\":{\"objects\":[" + object + "]},\"id\":1}");
    assertThat(answer.path("error").isNull()).as(answer.toString()).isTrue();
    long id = answer.path("result").path("creates").get(0).path("id").asLong();
    created.add(id);
    return id;
  }

  static String unique(String prefix) {
    return prefix + "_" + System.nanoTime();
  }

  @Test
  void aFieldIsCreatedWithLenientValuesAndReadAsARowOfStrings() {
    String systemName = unique("wire_seats");
    long id =
        createField(
            """
            {"relationship":"opportunity","systemName":"%s","label":"Wire seats",
             "dataType":"integer","dataLength":"10","isRequired":"0","isCustom":"1","isActive":1,
             "isAvailableInContactManager":true,"isEditableInContactManager":"true",
             "isAvailableInForms":0}"""
                .formatted(systemName));
    wire.pin("field", id);
    String row =
        """
        {"id":"%d","relationship":"opportunity","systemName":"%s","label":"Wire seats",
         "source":null,"dataType":"integer","dataLength":"10","isRequired":"0","isCustom":"1",
         "isActive":"1","isAvailableInContactManager":"1","isEditableInContactManager":"1",
         "isAvailableInForms":"0","createTimestamp":"%s","updateTimestamp":"%s"}""";
    assertThat(wire.call("{\"method\":\"getField\",\"params\":{\"id\":" + id + "},\"id\":1}"))
        .isEqualTo(
            Wire.parse(
                "{\"result\":{\"field\":["
                    + row.formatted(id, systemName, "2026-03-01 09:30:00", "2026-07-01 23:59:59")
                    + "]},\"error\":null,\"id\":1}"));
    assertThat(
            wire.callV1(
                    "{\"method\":\"getFields\",\"params\":{\"where\":{\"systemName\":\""
                        + systemName
                        + "\"}},\"id\":1}")
                .path("result"))
        .isEqualTo(
            Wire.parse(
                "{\"field\":["
                    + row.formatted(id, systemName, "2026-03-01 04:30:00", "2026-07-01 19:59:59")
                    + "]}"));
  }

  @Test
  void createFieldsTakesTheDocumentedMinimumOfRelationshipLabelAndDataType() {
    long id =
        createField(
            "{\"relationship\":\"opportunity\",\"label\":\"Region\",\"dataType\":\"text\"}");
    long date =
        createField("{\"relationship\":\"lead\",\"label\":\"Met on\",\"dataType\":\"date\"}");
    wire.pin("field", id);
    JsonNode row =
        wire.call("{\"method\":\"getField\",\"params\":{\"id\":" + id + "},\"id\":1}")
            .path("result")
            .path("field")
            .get(0);
    String systemName = row.path("systemName").asString();
    assertThat(systemName).matches("region_[0-9a-f]{13}");
    assertThat(row)
        .isEqualTo(
            Wire.parse(
                """
                {"id":"%d","relationship":"opportunity","systemName":"%s","label":"Region",
                 "source":null,"dataType":"text","dataLength":"255","isRequired":"0","isCustom":"1",
                 "isActive":"1","isAvailableInContactManager":"1","isEditableInContactManager":"1",
                 "isAvailableInForms":"0","createTimestamp":"2026-03-01 09:30:00",
                 "updateTimestamp":"2026-07-01 23:59:59"}"""
                    .formatted(id, systemName)));
    assertThat(api.get("/fields/" + date).json().path("dataLength").asInt()).isEqualTo(10);
  }

  @Test
  void createFieldsWithoutItsMinimumIsRefusedNamingWhatIsMissing() {
    JsonNode answer =
        wire.call(
            """
            {"method":"createFields","params":{"objects":[{"label":"Region","dataType":"rainbow"}]},"id":1}""");
    assertThat(answer.path("result").path("creates"))
        .isEqualTo(
            Wire.parse(
                """
                [{"success":false,"error":{"code":205,"message":"Invalid parameters: 3 invalid fields; see data",
                  "data":[{"field":"dataLength","message":"is required"},
                          {"field":"dataType","message":"must be one of text, textarea, integer, number, boolean, date, datetime, email, url, phone"},
                          {"field":"relationship","message":"is required"}]}}]"""));
  }

  @Test
  void aClientMaySendBackTheRowItReadTimestampsIncluded() {
    long id =
        createField(
            "{\"relationship\":\"opportunity\",\"label\":\"Budget\",\"dataType\":\"number\"}");
    JsonNode row =
        wire.call("{\"method\":\"getField\",\"params\":{\"id\":" + id + "},\"id\":1}")
            .path("result")
            .path("field")
            .get(0);
    ObjectNode changed = ((ObjectNode) row.deepCopy()).put("label", "Budget (EUR)");
    assertThat(
            wire.call(
                "{\"method\":\"updateFields\",\"params\":{\"objects\":["
                    + changed
                    + "]},\"id\":1}"))
        .isEqualTo(
            Wire.parse(
                "{\"result\":{\"updates\":[{\"success\":true,\"error\":null}]},\"error\":null,\"id\":1}"));
    assertThat(api.get("/fields/" + id).json().path("label").asString()).isEqualTo("Budget (EUR)");
  }

  @Test
  void systemFieldsAreReadAndOnlyCustomFieldsDeleted() {
    JsonNode systemFields =
        wire.call(
                "{\"method\":\"getFields\",\"params\":{\"where\":{\"isCustom\":\"0\","
                    + "\"relationship\":\"opportunity\"}},\"id\":1}")
            .path("result")
            .path("field");
    assertThat(systemFields.size()).isEqualTo(14);
    systemFields.forEach(field -> assertThat(field.path("isCustom").asString()).isEqualTo("0"));

    String systemName = unique("wire_gone");
    long id =
        createField(
            """
            {"relationship":"opportunity","systemName":"%s","label":"Gone","dataType":"text"}"""
                .formatted(systemName));
    JsonNode deleted =
        wire.call(
            """
            {"method":"deleteFields","params":{"objects":[{"systemName":"%s"},{"systemName":"ownerID"},
             {"systemName":"nothing"},{}]},"id":1}"""
                .formatted(systemName));
    assertThat(deleted.path("result").path("deletes"))
        .isEqualTo(
            Wire.parse(
                """
                [{"success":true,"error":null},
                 {"success":false,"error":{"code":211,"message":"Only custom fields can be deleted","data":[]}},
                 {"success":false,"error":{"code":302,"message":"No table rows affected: Field nothing does not exist","data":[]}},
                 {"success":false,"error":{"code":205,"message":"Invalid parameters: systemName is required: the systemName of the field to delete","data":[{"field":"systemName","message":"is required: the systemName of the field to delete"}]}}]"""));
    assertThat(api.get("/fields/" + id).status()).isEqualTo(404);
  }
}
