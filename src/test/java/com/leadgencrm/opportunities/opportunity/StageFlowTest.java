package com.leadgencrm.opportunities.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.event.SyntheticEvents;
import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Api.Reply;
import com.leadgencrm.opportunities.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
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
 * {@code GET /opportunities/stageFlow} over a scripted history of moves (days after T, 10 days ago;
 * owner F; period [day 2, day 8]), the answer written out:
 *
 * <pre>
 * A  day 1 created in 1; day 3 to 2; day 5 to 3; day 9 to 4 (after the period)
 * B  day 3 created in 1; day 4 to 2; day 7 won (to 6)
 * C  day 1 created in 2; day 6 lost (to 7)
 * D  day 2 created in 1
 * stage 1: entered B, D; left by A (2 days), B (1 day): median 1.50, p90 1.90
 * stage 2: entered A, B; left by A (2 days) to 3, B (3 days) to 6, C (5 days) to 7; B won, C lost:
 *          median 3.00, p90 4.60
 * </pre>
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StageFlowTest {

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
    long d = SyntheticEvents.nextId();
    event("created", a, 1, o(a, 1, false, false));
    event("created", c, 1, o(c, 2, false, false));
    event("created", d, 2, o(d, 1, false, false));
    event("updated", a, 3, o(a, 2, false, false));
    event("created", b, 3, o(b, 1, false, false));
    event("updated", b, 4, o(b, 2, false, false));
    event("updated", a, 5, o(a, 3, false, false));
    event("updated", c, 6, o(c, 7, true, false));
    event("updated", b, 7, o(b, 6, true, true));
    event("updated", a, 9, o(a, 4, false, false));
  }

  @AfterAll
  void cleanUp() {
    jdbc.sql("delete from event where aggregate_id in (:ids)").param("ids", aggregates).update();
  }

  Instant day(int days) {
    return t.plus(Duration.ofDays(days));
  }

  Map<String, @Nullable Object> o(long id, long stage, boolean closed, boolean won) {
    Map<String, @Nullable Object> o = new LinkedHashMap<>();
    o.put("id", id);
    o.put("ownerID", owner);
    o.put("dealStageID", stage);
    o.put("opportunityName", "Flow " + id);
    o.put("probability", 20);
    o.put("amount", null);
    o.put("currency", "USD");
    o.put("isClosed", closed);
    o.put("isWon", won);
    o.put("isActive", true);
    o.put("closeDate", "2026-12-31T00:00:00Z");
    o.put("createTimestamp", t.toString());
    o.put("updateTimestamp", t.toString());
    return o;
  }

  void event(String action, long id, int day, Map<String, @Nullable Object> data) {
    aggregates.add(id);
    SyntheticEvents.insertOpportunityEvent(jdbc, action, id, owner, day(day), data);
  }

  static String stage(
      long id, long entered, String moved, long won, long lost, String median, String p90) {
    return "{\"dealStageID\":%d,\"entered\":%d,\"movedTo\":[%s],\"won\":%d,\"lost\":%d,\"medianDays\":%s,\"p90Days\":%s}"
        .formatted(id, entered, moved, won, lost, median, p90);
  }

  static String move(long to, long count) {
    return "{\"dealStageID\":" + to + ",\"count\":" + count + "}";
  }

  @Test
  void everyStageSaysWhatEnteredLeftWonLostAndHowLongItStayed() {
    Reply reply =
        api.get("/opportunities/stageFlow?ownerID=" + owner + "&from=" + day(2) + "&to=" + day(8));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    List<JsonNode> stages = new ArrayList<>();
    reply.json().path("stages").forEach(stages::add);
    // the default stages 1..7 are in one pipeline; sorted by id here, whatever their weights now
    stages.sort(Comparator.comparingLong(s -> s.path("dealStageID").asLong()));
    assertThat(stages.stream().map(JsonNode::toString).toList())
        .containsExactly(
            stage(1, 2, move(2, 2), 0, 0, "1.50", "1.90"),
            stage(2, 2, move(3, 1) + "," + move(6, 1) + "," + move(7, 1), 1, 1, "3.00", "4.60"),
            stage(3, 1, "", 0, 0, "null", "null"),
            stage(6, 1, "", 0, 0, "null", "null"),
            stage(7, 1, "", 0, 0, "null", "null"));
  }

  @Test
  void theFiltersSelectTheOpportunitiesAsTheyWereAfterEachMove() {
    // closed ones only: B's win and C's loss, entering 6 and 7
    Reply reply =
        api.get(
            "/opportunities/stageFlow?ownerID="
                + owner
                + "&isClosed=true&from="
                + day(2)
                + "&to="
                + day(8));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    List<JsonNode> stages = new ArrayList<>();
    reply.json().path("stages").forEach(stages::add);
    stages.sort(Comparator.comparingLong(s -> s.path("dealStageID").asLong()));
    assertThat(stages.stream().map(JsonNode::toString).toList())
        .containsExactly(
            stage(2, 0, move(6, 1) + "," + move(7, 1), 1, 1, "4.00", "4.80"),
            stage(6, 1, "", 0, 0, "null", "null"),
            stage(7, 1, "", 0, 0, "null", "null"));
  }

  @Test
  void aMissingPeriodIsRefusedNamingIt() {
    Reply reply = api.get("/opportunities/stageFlow?from=" + day(2));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().path("errors").get(0).path("field").asString()).isEqualTo("to");
  }
}
