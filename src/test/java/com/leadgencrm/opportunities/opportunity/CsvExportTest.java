package com.leadgencrm.opportunities.opportunity;

import static com.leadgencrm.opportunities.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Api.Reply;
import com.leadgencrm.opportunities.support.CustomFields;
import com.leadgencrm.opportunities.support.IntegrationTest;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * {@code Accept: text/csv} on the lists: parsed back with a CSV library, the export holds every row
 * the JSON list holds over all its pages, cell for cell, with awkward text (commas, quotes, line
 * breaks) intact and formulas neutralised.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CsvExportTest {

  static final List<String> NAMES =
      List.of(
          "Plain deal",
          "Comma, Inc.",
          "Say \"hello\"",
          "Two\r\nlines",
          "Line\nfeed",
          "=HYPERLINK(\"http://evil\",\"x\")",
          "+1 upsell",
          "-rebate",
          "@SUM(A1)",
          "  spaces  ",
          "Ünïcödé ✓");

  @Autowired Api api;

  long owner;
  String textField;
  long textFieldId;

  @BeforeAll
  void create() {
    Reply created = CustomFields.create(api, CustomFields.body("csv", "CSV note", "text", 100));
    textFieldId = created.id();
    textField = created.json().path("systemName").asString();

    owner = Opportunities.uniqueOwner();
    Random random = new Random(17);
    for (int i = 0; i < 60; i++) {
      Map<String, Object> o = Opportunities.minimal(owner);
      o.put("opportunityName", NAMES.get(i % NAMES.size()) + (i < NAMES.size() ? "" : " " + i));
      o.put("dealStageID", 1 + random.nextInt(5));
      if (random.nextBoolean()) {
        o.put("amount", BigDecimal.valueOf(random.nextInt(10_000_000), 2));
      }
      if (random.nextBoolean()) {
        o.put(textField, NAMES.get(random.nextInt(NAMES.size())));
      }
      Opportunities.create(api, o);
    }
  }

  @AfterAll
  void deleteField() {
    api.delete("/fields/" + textFieldId);
  }

  @Test
  void theOpportunityExportIsTheWholeListRowForRow() throws IOException {
    String filters = "ownerID=" + owner + "&sort=amount,desc";
    List<JsonNode> listed = allPages("/opportunities?" + filters + "&limit=7");
    assertThat(listed).hasSize(60);

    Reply csv =
        api.request("GET", "/opportunities?" + filters + "&limit=7")
            .header("Accept", "text/csv")
            .send();
    assertThat(csv.status()).as(csv.body()).isEqualTo(200);
    assertThat(csv.header("Content-Type")).startsWith("text/csv");
    assertThat(csv.body()).contains("\r\n");

    List<CSVRecord> records = parse(csv.body());
    List<String> header = records.get(0).toList();
    assertThat(header).startsWith("id", "ownerID", "dealStageID").contains(textField);
    assertThat(records).hasSize(listed.size() + 1);
    for (int i = 0; i < listed.size(); i++) {
      JsonNode item = listed.get(i);
      CSVRecord record = records.get(i + 1);
      assertThat(record.size()).isEqualTo(header.size());
      for (int c = 0; c < header.size(); c++) {
        assertThat(record.get(c))
            .as("row %d, %s", i, header.get(c))
            .isEqualTo(expectedCell(item.get(header.get(c))));
      }
    }
    // the formula of the JSON list is text in the spreadsheet, the rest as it was
    assertThat(csv.body()).contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"");
    int name = header.indexOf("opportunityName");
    assertThat(records.stream().map(r -> r.get(name)))
        .contains("'+1 upsell", "'-rebate", "'@SUM(A1)", "Two\r\nlines", "Comma, Inc.");
  }

  @Test
  void anExportLongerThanOneFetchHoldsEveryRowInOrder() throws IOException {
    long big = Opportunities.uniqueOwner();
    for (int batch = 0; batch < 5; batch++) {
      List<Map<String, Object>> items = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        items.add(Opportunities.minimal(big));
      }
      Reply created = api.post("/opportunities/batch?atomic=true", json(Map.of("items", items)));
      assertThat(created.status()).as(created.body()).isEqualTo(200);
    }
    Reply csv =
        api.request("GET", "/opportunities?ownerID=" + big + "&sort=id,desc")
            .header("Accept", "text/csv")
            .send();
    assertThat(csv.status()).isEqualTo(200);
    List<CSVRecord> records = parse(csv.body());
    // 2,500 rows: three fetches of 1,000, the rows of all of them, in the list's order
    assertThat(records).hasSize(2501);
    List<Long> ids =
        records.subList(1, records.size()).stream().map(r -> Long.parseLong(r.get(0))).toList();
    assertThat(ids)
        .doesNotHaveDuplicates()
        .isSortedAccordingTo(java.util.Comparator.reverseOrder());
  }

  @Test
  void anExportOfNothingIsItsHeader() throws IOException {
    Reply csv =
        api.request("GET", "/opportunities?ownerID=" + Opportunities.uniqueOwner())
            .header("Accept", "text/csv")
            .send();
    assertThat(csv.status()).isEqualTo(200);
    List<CSVRecord> records = parse(csv.body());
    assertThat(records).hasSize(1);
    assertThat(records.get(0).toList()).contains("opportunityName", textField);
  }

  @Test
  void aRefusedExportIsAProblem() {
    Reply csv =
        api.request("GET", "/opportunities?q=ab&nope=1").header("Accept", "text/csv").send();
    assertThat(csv.status()).isEqualTo(400);
    assertThat(csv.header("Content-Type")).startsWith("application/problem+json");
    assertThat(csv.body()).contains("nope");
  }

  @Test
  void withoutAcceptTheListIsStillJson() {
    Reply reply = api.get("/opportunities?ownerID=" + owner + "&limit=2");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    Reply any =
        api.request("GET", "/opportunities?ownerID=" + owner).header("Accept", "*/*").send();
    assertThat(any.header("Content-Type")).startsWith("application/json");
  }

  @Test
  void dealStagesAndFieldsExportEveryRow() throws IOException {
    for (String path : List.of("/dealStages", "/fields")) {
      List<JsonNode> listed = allPages(path + "?limit=2");
      Reply csv = api.request("GET", path + "?limit=2").header("Accept", "text/csv").send();
      assertThat(csv.status()).as(csv.body()).isEqualTo(200);
      List<CSVRecord> records = parse(csv.body());
      List<String> header = records.get(0).toList();
      assertThat(records).hasSize(listed.size() + 1);
      for (int i = 0; i < listed.size(); i++) {
        for (int c = 0; c < header.size(); c++) {
          assertThat(records.get(i + 1).get(c))
              .as("%s row %d, %s", path, i, header.get(c))
              .isEqualTo(expectedCell(listed.get(i).get(header.get(c))));
        }
      }
    }
  }

  @Test
  void theDocumentDeclaresTheCsvAnswers() {
    JsonNode paths = api.get("/v3/api-docs").json().path("paths");
    for (String path : List.of("/opportunities", "/dealStages", "/fields")) {
      JsonNode get = paths.path(path).path("get");
      assertThat(get.path("responses").path("200").path("content").has("text/csv"))
          .as(path)
          .isTrue();
      assertThat(get.path("responses").path("200").path("content").has("application/json"))
          .as(path)
          .isTrue();
    }
  }

  List<JsonNode> allPages(String first) {
    List<JsonNode> items = new ArrayList<>();
    String path = first;
    while (true) {
      Reply page = api.get(path);
      assertThat(page.status()).as(page.body()).isEqualTo(200);
      JsonNode json = page.json();
      json.path("items").forEach(items::add);
      JsonNode next = json.path("nextCursor");
      if (next.isNull() || next.isMissingNode()) {
        return items;
      }
      path = first + "&cursor=" + next.asString();
    }
  }

  static List<CSVRecord> parse(String body) throws IOException {
    try (CSVParser parser = CSVFormat.RFC4180.parse(new StringReader(body))) {
      List<CSVRecord> records = new ArrayList<>();
      Iterator<CSVRecord> it = parser.iterator();
      it.forEachRemaining(records::add);
      return records;
    }
  }

  /** What the JSON value of a property becomes in a cell, as the test reads the rule. */
  static String expectedCell(JsonNode value) {
    if (value == null || value.isNull()) {
      return "";
    }
    if (value.isString()) {
      String text = value.asString();
      return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }
    return value.toString();
  }
}
