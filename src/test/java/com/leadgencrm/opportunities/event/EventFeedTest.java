package com.leadgencrm.opportunities.event;

import static com.leadgencrm.opportunities.event.SyntheticEvents.association;
import static com.leadgencrm.opportunities.event.SyntheticEvents.dealStage;
import static com.leadgencrm.opportunities.event.SyntheticEvents.opportunity;
import static com.leadgencrm.opportunities.event.SyntheticEvents.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leadgencrm.opportunities.core.Caller;
import com.leadgencrm.opportunities.core.Role;
import com.leadgencrm.opportunities.query.PageBytes;
import com.leadgencrm.opportunities.security.Keys;
import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What a consumer of GET /events and of an opportunity's history sees. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventFeedTest {

  @Autowired Api api;
  @Autowired EventRecorder recorder;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired JdbcClient jdbc;
  @Autowired EventLog feed;
  @Autowired JsonMapper mapper;

  SyntheticEvents events;

  static final Caller ANN = new Caller("key_ann", 7001, Role.SALESPERSON);

  @BeforeAll
  void setUp() {
    events = new SyntheticEvents(recorder, transactionManager, jdbc);
  }

  @AfterAll
  void cleanUp() {
    events.cleanUp();
  }

  List<JsonNode> items(Api.Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    List<JsonNode> items = new ArrayList<>();
    reply.json().path("items").forEach(items::add);
    return items;
  }

  List<JsonNode> eventsOf(long resourceId) {
    return items(api.get("/events?resourceID=" + resourceId));
  }

  @Test
  void anUpdateIsOneEventWithTheCallerTheNewStateAndEveryChangedPropertyCustomFieldsIncluded() {
    long id = SyntheticEvents.nextId();
    var created = opportunity(id, 7001, "100.00", "2026-11-28T09:30:00Z");
    var updated =
        with(
            created,
            "amount",
            new java.math.BigDecimal("250.00"),
            "contract_type_5f0c3b2a9d1e4",
            "annual",
            "updateTimestamp",
            "2026-11-29T10:00:00Z");
    events.inTransaction(ANN, r -> r.record(EventType.OPPORTUNITY_CREATED, id, null, created));
    boolean recorded =
        events.inTransaction(
            ANN, r -> r.record(EventType.OPPORTUNITY_UPDATED, id, created, updated));

    assertThat(recorded).isTrue();
    List<JsonNode> items = eventsOf(id);
    assertThat(items).hasSize(2);
    JsonNode event = items.get(1);
    assertThat(event.path("id").asLong()).isGreaterThan(items.get(0).path("id").asLong());
    assertThat(event.path("type").asString()).isEqualTo("opportunity.updated");
    assertThat(event.path("actor").toString()).isEqualTo("{\"userID\":7001,\"keyId\":\"key_ann\"}");
    assertThat(event.path("resource").toString())
        .isEqualTo("{\"type\":\"opportunity\",\"id\":" + id + "}");
    assertThat(event.path("changes").toString())
        .isEqualTo(
            "{\"amount\":{\"from\":100.00,\"to\":250.00},"
                + "\"contract_type_5f0c3b2a9d1e4\":{\"from\":null,\"to\":\"annual\"}}");
    assertThat(event.path("data").path("amount").decimalValue()).isEqualByComparingTo("250.00");
    assertThat(event.path("data").path("contract_type_5f0c3b2a9d1e4").asString())
        .isEqualTo("annual");
    assertThat(event.path("occurredAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(event.path("time").asString()).isEqualTo(event.path("occurredAt").asString());
    assertThat(event.path("transactionID").asString())
        .isNotEqualTo(items.get(0).path("transactionID").asString());
    assertThat(event.path("specversion").asString()).isEqualTo("1.0");
    assertThat(event.path("source").asString()).isEqualTo("/opportunities-service");
    assertThat(event.path("subject").asString()).isEqualTo("opportunity/" + id);
    JsonNode first = items.get(0);
    assertThat(first.path("type").asString()).isEqualTo("opportunity.created");
    assertThat(first.path("changes").isNull()).isTrue();
    assertThat(first.path("data").path("amount").decimalValue()).isEqualByComparingTo("100.00");
  }

  @Test
  void everyEventOfOneTransactionCarriesItsTransactionId() {
    long a = SyntheticEvents.nextId();
    long b = SyntheticEvents.nextId();
    events.inTransaction(
        ANN,
        r ->
            r.recordAll(
                List.of(
                    Change.of(EventType.DEAL_STAGE_CREATED, a, null, dealStage(a, "A")),
                    Change.of(EventType.DEAL_STAGE_CREATED, b, null, dealStage(b, "B")))));
    String first = eventsOf(a).get(0).path("transactionID").asString();
    assertThat(eventsOf(b).get(0).path("transactionID").asString()).isEqualTo(first);
    assertThat(first).matches("[0-9a-f-]{36}");
  }

  @Test
  void eachEventIsStoredAndServedAsItWasWrittenByteForByte() {
    List<String> names =
        List.of(
            "Zo\u00eb \"quoted\" \\ back", "line\u2028separator \ud83d\ude00", "\ufb01 \u0007bell");
    List<Long> ids = names.stream().map(name -> SyntheticEvents.nextId()).toList();
    List<Change> created = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      created.add(
          Change.of(
              EventType.DEAL_STAGE_CREATED, ids.get(i), null, dealStage(ids.get(i), names.get(i))));
    }
    events.inTransaction(ANN, r -> r.recordAll(created));

    for (int i = 0; i < ids.size(); i++) {
      long id = ids.get(i);
      String stored =
          jdbc.sql(
                  "select payload::text from event where aggregate_type = 'dealStage' and aggregate_id = :id")
              .param("id", id)
              .query(String.class)
              .single();
      JsonNode parsed = mapper.readTree(stored);
      EventPayloads.Occasion occasion =
          new EventPayloads.Occasion(
              parsed.path("occurredAt").asString(),
              parsed.path("transactionID").asString(),
              new EventPayloads.Actor(ANN.userId(), ANN.keyId()));
      assertThat(stored)
          .isEqualTo(
              mapper.writeValueAsString(
                  EventPayloads.event(
                      EventType.DEAL_STAGE_CREATED,
                      id,
                      dealStage(id, names.get(i)),
                      null,
                      occasion)));
      assertThat(eventsOf(id).get(0).path("data").path("dealStageName").asString())
          .isEqualTo(names.get(i));
    }
  }

  @Test
  void aChangeThatRolledBackLeavesNoEvent() {
    long id = SyntheticEvents.nextId();
    SyntheticEvents.as(
        ANN,
        () ->
            events
                .transactions()
                .execute(
                    status -> {
                      recorder.record(EventType.DEAL_STAGE_CREATED, id, null, dealStage(id, "X"));
                      status.setRollbackOnly();
                      return null;
                    }));
    assertThat(eventsOf(id)).isEmpty();
  }

  @Test
  void eventsAreOnlyRecordedInTheTransactionOfTheirChange() {
    long id = SyntheticEvents.nextId();
    assertThatThrownBy(
            () -> recorder.record(EventType.DEAL_STAGE_CREATED, id, null, dealStage(id, "X")))
        .isInstanceOf(IllegalTransactionStateException.class);
  }

  @Test
  void anUpdateThatChangesNothingButItsTimestampIsNoEvent() {
    long id = SyntheticEvents.nextId();
    var before = opportunity(id, 7001, "5.00", "2026-11-28T09:30:00Z");
    var after = with(before, "updateTimestamp", "2026-11-30T09:30:00Z", "amount", 5);
    Boolean recorded =
        events.inTransaction(ANN, r -> r.record(EventType.OPPORTUNITY_UPDATED, id, before, after));
    assertThat(recorded).isFalse();
    assertThat(eventsOf(id)).isEmpty();
  }

  @Test
  void aWritePathThatMisusesTheRecorderFailsAndWritesNothing() {
    long id = SyntheticEvents.nextId();
    assertThatThrownBy(
            () ->
                events.inTransaction(
                    ANN,
                    r ->
                        r.recordAll(
                            List.of(
                                Change.of(
                                    EventType.DEAL_STAGE_CREATED, id, null, dealStage(id, "X")),
                                // an update without its before state
                                Change.of(
                                    EventType.DEAL_STAGE_UPDATED, id, null, dealStage(id, "Y"))))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                events.inTransaction(
                    ANN,
                    r ->
                        r.record(
                            Change.of(
                                EventType.OPPORTUNITY_LEAD_CREATED,
                                id,
                                null,
                                association(id, 1, 2)))))
        .hasMessageContaining("owner of its opportunity");
    assertThatThrownBy(
            () ->
                events.inTransaction(
                    ANN,
                    r ->
                        r.record(
                            EventType.DEAL_STAGE_CREATED, id, null, dealStage(id + 1, "Other"))))
        .hasMessageContaining("another resource");
    assertThat(eventsOf(id)).isEmpty();
  }

  @Test
  void salespeopleSeeTheirOpportunitiesBeforeOrAfterAChangeTheirAssociationsAndEveryStage() {
    long seller = 7100 + ThreadLocalRandom.current().nextInt(1000) * 3L;
    long buyer = seller + 1;
    long stranger = seller + 2;
    long id = SyntheticEvents.nextId();
    long link = SyntheticEvents.nextId();
    long stage = SyntheticEvents.nextId();
    var mine = opportunity(id, seller, "10.00", "2026-11-28T09:30:00Z");
    var handedOver = with(mine, "ownerID", buyer);
    var raised = with(handedOver, "amount", 20);
    events.inTransaction(
        Caller.SYSTEM,
        r ->
            r.recordAll(
                List.of(
                    Change.of(EventType.OPPORTUNITY_CREATED, id, null, mine),
                    Change.ofAssociation(
                        EventType.OPPORTUNITY_LEAD_CREATED,
                        link,
                        null,
                        association(link, id, 42),
                        seller),
                    Change.of(EventType.DEAL_STAGE_CREATED, stage, null, dealStage(stage, "S")))));
    events.inTransaction(
        Caller.SYSTEM, r -> r.record(EventType.OPPORTUNITY_UPDATED, id, mine, handedOver));
    events.inTransaction(
        Caller.SYSTEM, r -> r.record(EventType.OPPORTUNITY_UPDATED, id, handedOver, raised));

    String query = "/events?resourceID=" + id + "," + link + "," + stage;
    assertThat(types(Keys.client(api, Role.SALESPERSON, seller).get(query)))
        .containsExactly(
            "opportunity.created",
            "opportunityLead.created",
            "dealStage.created",
            "opportunity.updated");
    assertThat(types(Keys.client(api, Role.JR_SALESPERSON, buyer).get(query)))
        .containsExactly("dealStage.created", "opportunity.updated", "opportunity.updated");
    assertThat(types(Keys.client(api, Role.SALESPERSON, stranger).get(query)))
        .containsExactly("dealStage.created");
    assertThat(types(Keys.client(api, Role.SALES_MANAGER, stranger).get(query))).hasSize(5);
    // the service's own work has no user and no key
    assertThat(eventsOf(stage).get(0).path("actor").toString())
        .isEqualTo("{\"userID\":null,\"keyId\":null}");
  }

  List<String> types(Api.Reply reply) {
    return items(reply).stream().map(event -> event.path("type").asString()).toList();
  }

  @Test
  void filtersByTypeWithWildcardsAndByResource() {
    long id = SyntheticEvents.nextId();
    long stage = SyntheticEvents.nextId();
    var v1 = opportunity(id, 7001, null, "2026-11-28T09:30:00Z");
    events.inTransaction(
        ANN,
        r ->
            r.recordAll(
                List.of(
                    Change.of(EventType.OPPORTUNITY_CREATED, id, null, v1),
                    Change.of(EventType.OPPORTUNITY_DELETED, id, v1, null),
                    Change.of(EventType.DEAL_STAGE_CREATED, stage, null, dealStage(stage, "F")))));
    String ids = "&resourceID=" + id + "," + stage;
    assertThat(types(api.get("/events?type=opportunity.*" + ids)))
        .containsExactly("opportunity.created", "opportunity.deleted");
    assertThat(types(api.get("/events?type=opportunity.deleted,dealStage.created" + ids)))
        .containsExactly("opportunity.deleted", "dealStage.created");
    assertThat(types(api.get("/events?resourceType=dealStage" + ids)))
        .containsExactly("dealStage.created");
    assertThat(types(api.get("/events?resourceType=opportunity" + ids)))
        .containsExactly("opportunity.created", "opportunity.deleted");
    assertThat(types(api.get("/events?resourceType=opportunity,dealStage" + ids)))
        .containsExactly("opportunity.created", "opportunity.deleted", "dealStage.created");
    assertThat(types(api.get("/events?resourceType=pipeline" + ids))).isEmpty();
    JsonNode deleted = items(api.get("/events?type=opportunity.deleted" + ids)).get(0);
    assertThat(deleted.path("data").path("id").asLong()).isEqualTo(id);

    Api.Reply invalid = api.get("/events?type=opportunity.exploded&resourceType=lead&limit=501");
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.errorFields()).containsExactly("limit", "resourceType", "type");
    assertThat(api.get("/events?after=1&cursor=abc").errorFields()).containsExactly("cursor");
    assertThat(api.get("/events?colour=red").errorFields()).containsExactly("colour");
  }

  @Test
  void followingNextCursorSeesEachEventOnceAndTheCursorNeverEnds() {
    long after = feed.head();
    long[] ids = new long[5];
    for (int i = 0; i < ids.length; i++) {
      long id = ids[i] = SyntheticEvents.nextId();
      events.inTransaction(
          ANN, r -> r.record(EventType.DEAL_STAGE_CREATED, id, null, dealStage(id, "C" + id)));
    }
    List<Long> seen = new ArrayList<>();
    Api.Reply page = api.get("/events?limit=2&after=" + after);
    while (true) {
      List<JsonNode> items = items(page);
      items.forEach(item -> seen.add(item.path("resource").path("id").asLong()));
      String next = page.json().path("nextCursor").asString();
      assertThat(next).isNotEmpty();
      if (items.isEmpty()) {
        break;
      }
      page = api.get("/events?limit=2&cursor=" + next);
    }
    assertThat(seen).containsExactly(ids[0], ids[1], ids[2], ids[3], ids[4]);

    // the last cursor goes on with what comes next
    String last = page.json().path("nextCursor").asString();
    long more = SyntheticEvents.nextId();
    events.inTransaction(
        ANN, r -> r.record(EventType.DEAL_STAGE_CREATED, more, null, dealStage(more, "More")));
    List<JsonNode> next = items(api.get("/events?limit=2&cursor=" + last));
    assertThat(next).hasSize(1);
    assertThat(next.get(0).path("resource").path("id").asLong()).isEqualTo(more);
    // a cursor continues the query that made it
    assertThat(api.get("/events?type=field.*&cursor=" + last).errorFields())
        .containsExactly("cursor");
  }

  @Test
  void theHistoryOfAnOpportunityListsItsEventsNewestFirstToThoseWhoMaySeeIt() {
    long owner = 8100 + ThreadLocalRandom.current().nextInt(1000) * 3L;
    long id = SyntheticEvents.nextId();
    long link = SyntheticEvents.nextId();
    var v1 = opportunity(id, owner, "1.00", "2026-11-28T09:30:00Z");
    var v2 = with(v1, "amount", 2);
    var v3 = with(v2, "ownerID", owner + 1);
    events.inTransaction(ANN, r -> r.record(EventType.OPPORTUNITY_CREATED, id, null, v1));
    events.inTransaction(
        ANN,
        r ->
            r.record(
                Change.ofAssociation(
                    EventType.OPPORTUNITY_LEAD_CREATED,
                    link,
                    null,
                    association(link, id, 5),
                    owner)));
    events.inTransaction(ANN, r -> r.record(EventType.OPPORTUNITY_UPDATED, id, v1, v2));
    events.inTransaction(ANN, r -> r.record(EventType.OPPORTUNITY_UPDATED, id, v2, v3));

    Api.Reply first = api.get("/opportunities/" + id + "/history?limit=3");
    assertThat(types(first))
        .containsExactly("opportunity.updated", "opportunity.updated", "opportunityLead.created");
    Api.Reply second =
        api.get(
            "/opportunities/"
                + id
                + "/history?limit=3&cursor="
                + first.json().path("nextCursor").asString());
    assertThat(types(second)).containsExactly("opportunity.created");
    assertThat(second.json().path("nextCursor").isNull()).isTrue();

    // the new owner sees all of it, the former one what happened while they owned it
    assertThat(
            types(
                Keys.client(api, Role.SALESPERSON, owner + 1)
                    .get("/opportunities/" + id + "/history")))
        .hasSize(4);
    assertThat(
            types(
                Keys.client(api, Role.SALESPERSON, owner).get("/opportunities/" + id + "/history")))
        .containsExactly(
            "opportunity.updated",
            "opportunity.updated",
            "opportunityLead.created",
            "opportunity.created");
    assertThat(
            Keys.client(api, Role.SALESPERSON, owner + 2)
                .get("/opportunities/" + id + "/history")
                .status())
        .isEqualTo(404);
    assertThat(api.get("/opportunities/" + SyntheticEvents.nextId() + "/history").status())
        .isEqualTo(404);
  }

  @Test
  void aPageOfLargeEventsEndsEarlyAndItsCursorGoesOnFromThere() {
    // 500 updates of opportunities with a 64 KiB text area each ran a 256 MiB heap out: a page
    // holds at most PageBytes.LIMIT (4 MiB) of events, and always one
    long after = feed.head();
    String large = "x".repeat(1_000_000);
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      long id = SyntheticEvents.nextId();
      ids.add(id);
      events.inTransaction(
          ANN, r -> r.record(EventType.DEAL_STAGE_CREATED, id, null, dealStage(id, large)));
    }
    List<Long> seen = new ArrayList<>();
    int pages = 0;
    Api.Reply page = api.get("/events?limit=500&after=" + after);
    while (!items(page).isEmpty()) {
      pages++;
      assertThat((long) page.body().length()).isLessThan(PageBytes.LIMIT + large.length() + 10_000);
      items(page).forEach(item -> seen.add(item.path("resource").path("id").asLong()));
      page = api.get("/events?limit=500&cursor=" + page.json().path("nextCursor").asString());
    }
    assertThat(seen).isEqualTo(ids);
    assertThat(pages).isBetween(3, 4);

    // the history of one opportunity pages the same way, newest first
    long id = SyntheticEvents.nextId();
    var versions = new ArrayList<Map<String, Object>>();
    versions.add(opportunity(id, 8001, "1.00", "2026-11-28T09:30:00Z"));
    events.inTransaction(
        ANN, r -> r.record(EventType.OPPORTUNITY_CREATED, id, null, versions.get(0)));
    for (int i = 1; i <= 6; i++) {
      versions.add(with(versions.get(i - 1), "opportunityName", i + large));
      var before = versions.get(i - 1);
      var changed = versions.get(i);
      events.inTransaction(ANN, r -> r.record(EventType.OPPORTUNITY_UPDATED, id, before, changed));
    }
    List<String> names = new ArrayList<>();
    String history = "/opportunities/" + id + "/history?limit=500";
    Api.Reply read = api.get(history);
    int historyPages = 1;
    while (true) {
      items(read)
          .forEach(
              event ->
                  names.add(event.path("data").path("opportunityName").asString().substring(0, 1)));
      if (read.json().path("nextCursor").isNull()) {
        break;
      }
      historyPages++;
      read = api.get(history + "&cursor=" + read.json().path("nextCursor").asString());
    }
    assertThat(names).containsExactly("6", "5", "4", "3", "2", "1", "A");
    assertThat(historyPages).isGreaterThan(1);
  }
}
