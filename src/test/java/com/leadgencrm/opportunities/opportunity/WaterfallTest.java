package com.leadgencrm.opportunities.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.event.SyntheticEvents;
import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Api.Reply;
import com.leadgencrm.opportunities.support.IntegrationTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /opportunities/waterfall} over a scripted history of change events (days after T, 10
 * days ago; owner W; close period 2026-10-01..2026-12-31; from = day 2, to = day 8), each answer
 * written out:
 *
 * <pre>
 * P  day 1 created 100.00, closing 2026-12-15; day 3 amount 130.00          increased 30.00
 * Q  day 1 created 200.00, closing 2026-12-15; day 4 closing 2027-02-01     pushedOut 200.00
 * R  day 1 created  50.00, closing 2027-01-15; day 4 closing 2026-11-30     pulledIn 50.00
 * S  day 1 created 300.00; day 5 won                                        won 300.00
 * T  day 1 created  80.00; day 5 lost                                       lost 80.00
 * U  day 1 created  60.00; day 6 deleted                                    removed 60.00
 * V  day 3 created  40.00                                                   created 40.00
 * X  day 1 created 500.00; day 3 amount 450.00                              decreased 50.00
 * Y  day 1 created  70.00 EUR                                               (EUR: start = end)
 * Z  day 9 created  90.00 (after to)                                        nowhere
 * USD: start 6 / 1240.00 + 40 + 50 - 200 + 30 - 50 - 300 - 80 - 60 = end 4 / 670.00
 * </pre>
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WaterfallTest {

  @Autowired Api api;
  @Autowired JdbcClient jdbc;

  final long owner = Opportunities.uniqueOwner();
  final Instant t = Instant.now().minus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);
  final List<Long> aggregates = new ArrayList<>();

  @BeforeAll
  void script() {
    long p = SyntheticEvents.nextId();
    long q = SyntheticEvents.nextId();
    long r = SyntheticEvents.nextId();
    long s = SyntheticEvents.nextId();
    long tt = SyntheticEvents.nextId();
    long u = SyntheticEvents.nextId();
    long v = SyntheticEvents.nextId();
    long x = SyntheticEvents.nextId();
    long y = SyntheticEvents.nextId();
    long z = SyntheticEvents.nextId();
    String in = "2026-12-15T00:00:00Z";
    event("created", p, 1, o(p, "100.00", "USD", in, false, false));
    event("created", q, 1, o(q, "200.00", "USD", in, false, false));
    event("created", r, 1, o(r, "50.00", "USD", "2027-01-15T00:00:00Z", false, false));
    event("created", s, 1, o(s, "300.00", "USD", in, false, false));
    event("created", tt, 1, o(tt, "80.00", "USD", in, false, false));
    event("created", u, 1, o(u, "60.00", "USD", in, false, false));
    event("created", x, 1, o(x, "500.00", "USD", in, false, false));
    event("created", y, 1, o(y, "70.00", "EUR", in, false, false));
    event("updated", p, 3, o(p, "130.00", "USD", in, false, false));
    event("created", v, 3, o(v, "40.00", "USD", in, false, false));
    event("updated", x, 3, o(x, "450.00", "USD", in, false, false));
    event("updated", q, 4, o(q, "200.00", "USD", "2027-02-01T00:00:00Z", false, false));
    event("updated", r, 4, o(r, "50.00", "USD", "2026-11-30T00:00:00Z", false, false));
    event("updated", s, 5, o(s, "300.00", "USD", in, true, true));
    event("updated", tt, 5, o(tt, "80.00", "USD", in, true, false));
    event("deleted", u, 6, o(u, "60.00", "USD", in, false, false));
    event("created", z, 9, o(z, "90.00", "USD", in, false, false));
  }

  @AfterAll
  void cleanUp() {
    jdbc.sql("delete from event where aggregate_id in (:ids)").param("ids", aggregates).update();
  }

  Instant day(int days) {
    return t.plus(Duration.ofDays(days));
  }

  Map<String, @Nullable Object> o(
      long id, String amount, String currency, String closeDate, boolean closed, boolean won) {
    Map<String, @Nullable Object> o = new LinkedHashMap<>();
    o.put("id", id);
    o.put("ownerID", owner);
    o.put("dealStageID", closed ? (won ? 6 : 7) : 2);
    o.put("opportunityName", "Waterfall " + id);
    o.put("probability", 20);
    o.put("amount", new BigDecimal(amount));
    o.put("currency", currency);
    o.put("isClosed", closed);
    o.put("isWon", won);
    o.put("isActive", true);
    o.put("closeDate", closeDate);
    o.put("createTimestamp", t.toString());
    o.put("updateTimestamp", t.toString());
    return o;
  }

  void event(String action, long id, int day, Map<String, @Nullable Object> data) {
    aggregates.add(id);
    SyntheticEvents.insertOpportunityEvent(jdbc, action, id, owner, day(day), data);
  }

  /** One currency's steps, in the answer's order, each "count amount". */
  static String currency(String code, String... steps) {
    List<String> names =
        List.of(
            "start",
            "created",
            "pulledIn",
            "pushedOut",
            "increased",
            "decreased",
            "won",
            "lost",
            "removed",
            "end");
    StringBuilder json = new StringBuilder("{\"currency\":\"" + code + "\"");
    for (int i = 0; i < names.size(); i++) {
      String[] step = steps[i].split(" ");
      json.append(",\"")
          .append(names.get(i))
          .append("\":{\"count\":")
          .append(step[0])
          .append(",\"amount\":")
          .append(step[1])
          .append("}");
    }
    return json.append("}").toString();
  }

  JsonNode waterfall(String query) {
    Reply reply =
        api.get(
            "/opportunities/waterfall?ownerID="
                + owner
                + "&from="
                + day(2)
                + "&to="
                + day(8)
                + query);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  @Test
  void everyWayInAndOutIsCountedOnceAndTheStepsAddUp() {
    JsonNode answer = waterfall("&closeDateFrom=2026-10-01&closeDateTo=2026-12-31");
    assertThat(answer.path("currencies").toString())
        .isEqualTo(
            "["
                + currency(
                    "EUR", "1 70.00", "0 0.00", "0 0.00", "0 0.00", "0 0.00", "0 0.00", "0 0.00",
                    "0 0.00", "0 0.00", "1 70.00")
                + ","
                + currency(
                    "USD",
                    "6 1240.00",
                    "1 40.00",
                    "1 50.00",
                    "1 200.00",
                    "1 30.00",
                    "1 50.00",
                    "1 300.00",
                    "1 80.00",
                    "1 60.00",
                    "4 670.00")
                + "]");
  }

  @Test
  void theListFiltersSelectEachSnapshotAsItWas() {
    // amountFrom=100: T, U, R and V are below it in both snapshots
    JsonNode answer =
        waterfall("&closeDateFrom=2026-10-01&closeDateTo=2026-12-31&amountFrom=100&currency=USD");
    assertThat(answer.path("currencies").toString())
        .isEqualTo(
            "["
                + currency(
                    "USD",
                    "4 1100.00",
                    "0 0.00",
                    "0 0.00",
                    "1 200.00",
                    "1 30.00",
                    "1 50.00",
                    "1 300.00",
                    "0 0.00",
                    "0 0.00",
                    "2 580.00")
                + "]");
  }

  @Test
  void aSalespersonSeesTheirOwnPipelineOnly() {
    String query =
        "/opportunities/waterfall?closeDateFrom=2026-10-01&closeDateTo=2026-12-31&from="
            + day(2)
            + "&to="
            + day(8);
    Api mine =
        com.leadgencrm.opportunities.security.Keys.client(
            api, com.leadgencrm.opportunities.core.Role.SALESPERSON, owner);
    Api other =
        com.leadgencrm.opportunities.security.Keys.client(
            api, com.leadgencrm.opportunities.core.Role.SALESPERSON, Opportunities.uniqueOwner());
    assertThat(mine.get(query).json().path("currencies"))
        .isEqualTo(
            waterfall("&closeDateFrom=2026-10-01&closeDateTo=2026-12-31").path("currencies"));
    assertThat(other.get(query + "&ownerID=" + owner).json().path("currencies").size()).isZero();
  }

  @Test
  void theDefaultPeriodIsTheQuarterHoldingTo() {
    JsonNode answer = waterfall("");
    Instant start = OpportunityWaterfalls.quarterStart(day(8));
    assertThat(Instant.parse(answer.path("closeDateFrom").asString())).isEqualTo(start);
    assertThat(Instant.parse(answer.path("closeDateTo").asString()))
        .isEqualTo(start.atOffset(ZoneOffset.UTC).plusMonths(3).toInstant().minusNanos(1000));
  }

  @Test
  void missingOrReversedMomentsAreRefusedNamingThem() {
    Reply missing = api.get("/opportunities/waterfall?to=" + day(8));
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().path("errors").get(0).path("field").asString()).isEqualTo("from");
    Reply reversed = api.get("/opportunities/waterfall?from=" + day(8) + "&to=" + day(2));
    assertThat(reversed.status()).isEqualTo(400);
    assertThat(reversed.json().path("errors").get(0).path("field").asString()).isEqualTo("to");
  }
}
