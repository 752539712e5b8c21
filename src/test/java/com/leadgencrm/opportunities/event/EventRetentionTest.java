package com.leadgencrm.opportunities.event;

import static com.leadgencrm.opportunities.event.SyntheticEvents.dealStage;
import static com.leadgencrm.opportunities.event.SyntheticEvents.opportunity;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.core.Caller;
import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.IntegrationTest;
import com.leadgencrm.opportunities.support.TestClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** The feed keeps 30 days; the history of an opportunity keeps its life and a year after. */
@IntegrationTest
class EventRetentionTest {

  @Autowired Api api;
  @Autowired EventRecorder recorder;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired JdbcClient jdbc;
  @Autowired EventLog feed;
  @Autowired EventRetention retention;
  @Autowired TestClock clock;

  @AfterEach
  void putTheClockBack() {
    clock.reset();
    new SyntheticEvents(recorder, transactionManager, jdbc).cleanUp();
  }

  @Test
  void aPositionOlderThanTheRetentionIsGoneWhileTheHistoryOutlivesIt() {
    SyntheticEvents events = new SyntheticEvents(recorder, transactionManager, jdbc);
    long before = feed.head();
    String cursor = api.get("/events?limit=1&after=" + before).json().path("nextCursor").asString();
    long id = SyntheticEvents.nextId();
    long stage = SyntheticEvents.nextId();
    var last = opportunity(id, 7001, "9.00", "2026-11-28T09:30:00Z");
    events.inTransaction(
        Caller.SYSTEM,
        r ->
            r.recordAll(
                List.of(
                    Change.of(EventType.OPPORTUNITY_CREATED, id, null, last),
                    Change.of(
                        EventType.DEAL_STAGE_CREATED, stage, null, dealStage(stage, "Old")))));
    assertThat(api.get("/events?after=" + before).json().path("items")).hasSize(2);

    clock.advance(Duration.ofDays(30).minusMinutes(1));
    retention.purge();
    assertThat(api.get("/events?after=" + before).status()).isEqualTo(200);

    clock.advance(Duration.ofMinutes(2));
    long start = retention.purge();

    assertThat(start).isGreaterThan(before);
    for (String position : List.of("after=" + before, "cursor=" + cursor)) {
      Api.Reply gone = api.get("/events?" + position);
      assertThat(gone.status()).as(gone.body()).isEqualTo(410);
      assertThat(gone.header("Content-Type")).startsWith("application/problem+json");
      assertThat(gone.json().path("detail").asString()).contains("resync");
      assertThat(gone.json().path("start").asLong()).isEqualTo(start);
    }
    assertThat(api.get("/events?resourceID=" + id + "," + stage).json().path("items")).isEmpty();
    // the history does not follow the feed's retention
    assertThat(api.get("/opportunities/" + id + "/history").json().path("items")).hasSize(1);

    // purged from the recycle bin: its history stays a year more
    events.inTransaction(
        Caller.SYSTEM, r -> r.record(EventType.OPPORTUNITY_PURGED, id, last, null));
    clock.advance(Duration.ofDays(364));
    retention.purge();
    assertThat(api.get("/opportunities/" + id + "/history").json().path("items")).hasSize(2);
    clock.advance(Duration.ofDays(2));
    retention.purge();
    assertThat(api.get("/opportunities/" + id + "/history").status()).isEqualTo(404);
  }
}
