package com.leadgencrm.opportunities.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.query.PageBytes;
import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Api.Reply;
import com.leadgencrm.opportunities.support.CustomFields;
import com.leadgencrm.opportunities.support.IntegrationTest;
import com.leadgencrm.opportunities.support.StalledClient;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A CSV export read by a slow client: 300 opportunities with a 60,000-character text area are an 18
 * MB file, read in windows of at most 4 MiB of custom values. While the client takes its time, the
 * export holds no transaction that a field change would wait for.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CsvExportSlowClientTest {

  static final int ROWS = LargeOpportunities.ROWS;

  @Autowired Api api;
  LargeOpportunities large;

  @BeforeAll
  void largeOpportunities() {
    large = LargeOpportunities.create(api);
  }

  @AfterAll
  void deleteField() {
    large.deleteField(api);
  }

  StalledClient stalledExport() throws IOException {
    return new StalledClient(
        api.baseUrl(),
        "GET /opportunities?campaignID="
            + large.campaign()
            + " HTTP/1.1\r\nAccept: text/csv\r\nAuthorization: Bearer "
            + Api.ADMIN_TOKEN,
        new byte[0],
        PageBytes.LIMIT + 500_000);
  }

  @Test
  void anExportOfLargeValuesHoldsEveryRowWholeInOrder() throws IOException {
    Reply csv =
        api.request("GET", "/opportunities?campaignID=" + large.campaign() + "&sort=id,desc")
            .header("Accept", "text/csv")
            .send();
    assertThat(csv.status()).isEqualTo(200);
    assertThat((long) csv.body().length()).isGreaterThan(4 * PageBytes.LIMIT);
    List<CSVRecord> records = CsvExportTest.parse(csv.body());
    int column = records.get(0).toList().indexOf(large.notes());
    List<CSVRecord> rows = records.subList(1, records.size());
    assertThat(rows.stream().map(r -> Long.parseLong(r.get(0))).toList())
        .isEqualTo(large.ids().stream().sorted(java.util.Comparator.reverseOrder()).toList());
    for (CSVRecord row : rows) {
      int index = large.ids().indexOf(Long.parseLong(row.get(0)));
      assertThat(row.get(column)).isEqualTo(LargeOpportunities.note(index));
    }
  }

  @Test
  void aClientReadingSlowlyHoldsNothingAFieldChangeOrOtherRequestsWaitFor() throws Exception {
    // an export was one transaction: a custom field's deletion, which drops its index (an
    // exclusive lock on the table), waited for it, and every request queued behind it, for as
    // long as the client took to read (Tomcat gives up on a stalled client after a minute)
    Reply number = CustomFields.create(api, "score", "number", 12);
    String score = number.json().path("systemName").asString();
    try (StalledClient stalled = stalledExport()) {
      long started = System.nanoTime();
      assertThat(api.delete("/fields/" + number.id()).status()).isEqualTo(204);
      assertThat(api.get("/opportunities/" + large.ids().get(0)).status()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));

      String answer = stalled.rest();
      assertThat(answer).startsWith("HTTP/1.1 200").endsWith("0\r\n\r\n");
      List<CSVRecord> records = CsvExportTest.parse(StalledClient.body(answer));
      // every row, and the columns of the export's start: the deleted field's is empty
      assertThat(records).hasSize(ROWS + 1);
      int column = records.get(0).toList().indexOf(score);
      assertThat(column).isPositive();
      assertThat(records.subList(1, records.size())).allMatch(r -> r.get(column).isEmpty());
      assertThat(records.subList(1, records.size()).stream().map(r -> Long.parseLong(r.get(0))))
          .isEqualTo(large.ids().stream().sorted().toList());
    }
  }
}
