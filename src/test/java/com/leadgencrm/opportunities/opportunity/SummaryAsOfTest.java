package com.leadgencrm.opportunities.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.event.SyntheticEvents;
import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Api.Reply;
import com.leadgencrm.opportunities.support.CustomFields;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code asOf}: the summary of the pipeline as it stood at a past moment, rebuilt from a scripted
 * history of change events, each answer written out here.
 *
 * <p>The history, days after T (10 days ago), owner O:
 *
 * <pre>
 * day 1   A created: stage 1, 100.00 USD, probability 10, open
 * day 1   B created: stage 2, 200.00 USD, probability 20, open
 * day 3   A updated: stage 4, 150.00 USD, probability 60
 * day 4   C created: stage 1, no amount, probability 10
 * day 5   B won (stage 6, probability 100)
 * day 6   A deleted
 * day 7   C lost (stage 7, probability 0)
 * </pre>
 */
@com.leadgencrm.opportunities.support.IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SummaryAsOfTest {

  @Autowired Api api;
  @Autowired JdbcClient jdbc;

  final long owner = Opportunities.uniqueOwner();
  final Instant t = Instant.now().minus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);
  final List<Long> aggregates = new ArrayList<>();

  @BeforeAll
  void script() {
    long a = SyntheticEvents.nextId();
    long b = SyntheticEvents.nextId();
    long c = SyntheticEvents.nextId();
    event("created", a, day(1), opportunity(a, 1, "100.00", 10, false, false));
    event("created", b, day(1), opportunity(b, 2, "200.00", 20, false, false));
    event("updated", a, day(3), opportunity(a, 4, "150.00", 60, false, false));
    event("created", c, day(4), opportunity(c, 1, null, 10, false, false));
    event("updated", b, day(5), opportunity(b, 6, "200.00", 100, true, true));
    event("deleted", a, day(6), opportunity(a, 4, "150.00", 60, false, false));
    event("updated", c, day(7), opportunity(c, 7, null, 0, true, false));
  }

  @AfterAll
  void cleanUp() {
    jdbc.sql("delete from event where aggregate_id in (:ids)").param("ids", aggregates).update();
  }

  Instant day(double days) {
    return t.plus(Duration.ofMinutes((long) (days * 24 * 60)));
  }

  Map<String, @Nullable Object> opportunity(
      long id, long stage, @Nullable String amount, int probability, boolean closed, boolean won) {
    Map<String, @Nullable Object> o = new LinkedHashMap<>();
    o.put("id", id);
    o.put("ownerID", owner);
    o.put("dealStageID", stage);
    o.put("opportunityName", "History " + id);
    o.put("probability", probability);
    o.put("amount", amount == null ? null : new java.math.BigDecimal(amount));
    o.put("currency", "USD");
    o.put("isClosed", closed);
    o.put("isWon", won);
    o.put("isActive", true);
    o.put("closeDate", "2026-12-31T00:00:00Z");
    o.put("createTimestamp", t.toString());
    o.put("updateTimestamp", t.toString());
    return o;
  }

  void event(String action, long id, Instant at, Map<String, @Nullable Object> data) {
    aggregates.add(id);
    SyntheticEvents.insertOpportunityEvent(jdbc, action, id, owner, at, data);
  }

  /** A summary answer's group or total, its figures written as the test expects them. */
  static String figures(String figures) {
    String[] f = figures.split(", ");
    return "\"count\":%s,\"amount\":%s,\"openCount\":%s,\"openAmount\":%s,\"weightedAmount\":%s,\"wonCount\":%s,\"wonAmount\":%s,\"lostCount\":%s,\"lostAmount\":%s,\"winRate\":%s"
        .formatted((Object[]) f);
  }

  static String group(long stage, String figures) {
    return "{\"key\":{\"dealStageID\":"
        + stage
        + ",\"currency\":\"USD\"},"
        + figures(figures)
        + "}";
  }

  static String answer(List<String> groups, @Nullable String total) {
    return "{\"groups\":["
        + String.join(",", groups)
        + "],\"totals\":["
        + (total == null ? "" : "{\"currency\":\"USD\"," + figures(total) + "}")
        + "]}";
  }

  String summaryAsOf(Instant asOf, String filters) {
    Reply reply =
        api.get(
            "/opportunities/summary?groupBy=dealStageID&ownerID="
                + owner
                + filters
                + "&asOf="
                + asOf);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json().toString();
  }

  @Test
  void beforeTheHistoryThereIsNothing() {
    assertThat(summaryAsOf(day(0), "")).isEqualTo(answer(List.of(), null));
  }

  @Test
  void eachMomentIsThePipelineAsItStood() {
    // day 2: A in stage 1, B in stage 2; forecast 100 x 10 % + 200 x 20 %
    assertThat(summaryAsOf(day(2), ""))
        .isEqualTo(
            answer(
                List.of(
                    group(1, "1, 100.00, 1, 100.00, 10.00, 0, 0.00, 0, 0.00, null"),
                    group(2, "1, 200.00, 1, 200.00, 40.00, 0, 0.00, 0, 0.00, null")),
                "2, 300.00, 2, 300.00, 50.00, 0, 0.00, 0, 0.00, null"));
    // day 4, the moment C was created (an event at the moment counts): A moved to stage 4 at 150
    assertThat(summaryAsOf(day(4), ""))
        .isEqualTo(
            answer(
                List.of(
                    group(1, "1, 0.00, 1, 0.00, 0.00, 0, 0.00, 0, 0.00, null"),
                    group(2, "1, 200.00, 1, 200.00, 40.00, 0, 0.00, 0, 0.00, null"),
                    group(4, "1, 150.00, 1, 150.00, 90.00, 0, 0.00, 0, 0.00, null")),
                "3, 350.00, 3, 350.00, 130.00, 0, 0.00, 0, 0.00, null"));
    // day 5.5: B won
    assertThat(summaryAsOf(day(5.5), ""))
        .isEqualTo(
            answer(
                List.of(
                    group(1, "1, 0.00, 1, 0.00, 0.00, 0, 0.00, 0, 0.00, null"),
                    group(4, "1, 150.00, 1, 150.00, 90.00, 0, 0.00, 0, 0.00, null"),
                    group(6, "1, 200.00, 0, 0.00, 0.00, 1, 200.00, 0, 0.00, 1.0000")),
                "3, 350.00, 2, 150.00, 90.00, 1, 200.00, 0, 0.00, 1.0000"));
    // day 8: A deleted, C lost
    assertThat(summaryAsOf(day(8), ""))
        .isEqualTo(
            answer(
                List.of(
                    group(6, "1, 200.00, 0, 0.00, 0.00, 1, 200.00, 0, 0.00, 1.0000"),
                    group(7, "1, 0.00, 0, 0.00, 0.00, 0, 0.00, 1, 0.00, 0.0000")),
                "2, 200.00, 0, 0.00, 0.00, 1, 200.00, 1, 0.00, 0.5000"));
  }

  @Test
  void theFiltersApplyToTheOpportunitiesAsTheyWere() {
    // on day 4 only A was in stage 4 (it is deleted now)
    assertThat(summaryAsOf(day(4), "&dealStageID=4"))
        .isEqualTo(
            answer(
                List.of(group(4, "1, 150.00, 1, 150.00, 90.00, 0, 0.00, 0, 0.00, null")),
                "1, 150.00, 1, 150.00, 90.00, 0, 0.00, 0, 0.00, null"));
    // on day 2 A had 100.00, below the bound
    assertThat(summaryAsOf(day(2), "&amountFrom=150"))
        .isEqualTo(
            answer(
                List.of(group(2, "1, 200.00, 1, 200.00, 40.00, 0, 0.00, 0, 0.00, null")),
                "1, 200.00, 1, 200.00, 40.00, 0, 0.00, 0, 0.00, null"));
  }

  @Test
  void customFieldsAreReadAsTheyWere() {
    // a text field; D is created in the north and moved to the south on day 3
    Map<String, Object> field = CustomFields.definition("Region as of", "text", 20);
    field.put("systemName", "asof_" + SyntheticEvents.nextId());
    Reply created = CustomFields.create(api, field);
    String region = created.json().path("systemName").asString();
    long otherOwner = Opportunities.uniqueOwner();
    long d = SyntheticEvents.nextId();
    try {
      Map<String, @Nullable Object> north = opportunity(d, 1, "70.00", 10, false, false);
      north.put("ownerID", otherOwner);
      north.put(region, "north");
      Map<String, @Nullable Object> south = new LinkedHashMap<>(north);
      south.put(region, "south");
      aggregates.add(d);
      SyntheticEvents.insertOpportunityEvent(jdbc, "created", d, otherOwner, day(1), north);
      SyntheticEvents.insertOpportunityEvent(jdbc, "updated", d, otherOwner, day(3), south);
      String total = "1, 70.00, 1, 70.00, 7.00, 0, 0.00, 0, 0.00, null";
      for (var expected : Map.of(day(2), "north", day(4), "south").entrySet()) {
        String path =
            "/opportunities/summary?ownerID=%d&groupBy=%s&asOf=%s"
                .formatted(otherOwner, region, expected.getKey());
        assertThat(api.get(path).json().toString())
            .isEqualTo(
                "{\"groups\":[{\"key\":{\"%s\":\"%s\",\"currency\":\"USD\"},%s}],\"totals\":[{\"currency\":\"USD\",%s}]}"
                    .formatted(region, expected.getValue(), figures(total), figures(total)));
        // a filter on the field reads it as it was too
        assertThat(api.get(path + "&" + region + "=north").json().path("groups").size())
            .isEqualTo(expected.getValue().equals("north") ? 1 : 0);
      }
    } finally {
      api.delete("/fields/" + created.id());
    }
  }

  @Test
  void aMomentOutsideTheHistoryIsRefusedNamingAsOf() {
    for (Instant asOf :
        List.of(Instant.now().plus(Duration.ofDays(1)), Instant.now().minus(Duration.ofDays(40)))) {
      Reply reply = api.get("/opportunities/summary?groupBy=dealStageID&asOf=" + asOf);
      assertThat(reply.status()).as(reply.body()).isEqualTo(400);
      assertThat(reply.json().path("errors").get(0).path("field").asString()).isEqualTo("asOf");
    }
  }
}
