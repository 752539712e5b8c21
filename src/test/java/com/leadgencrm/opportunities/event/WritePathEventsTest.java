package com.leadgencrm.opportunities.event;

import static com.leadgencrm.opportunities.opportunity.Opportunities.create;
import static com.leadgencrm.opportunities.opportunity.Opportunities.minimal;
import static com.leadgencrm.opportunities.opportunity.Opportunities.uniqueOwner;
import static com.leadgencrm.opportunities.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.core.Role;
import com.leadgencrm.opportunities.security.Keys;
import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Api.Reply;
import com.leadgencrm.opportunities.support.CustomFields;
import com.leadgencrm.opportunities.support.IntegrationTest;
import com.leadgencrm.opportunities.support.WireClient;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Every write path records its events, in its own transaction: what GET /events shows after real
 * writes over REST (single and batch), the wire protocol and the cascades.
 */
@IntegrationTest
class WritePathEventsTest {

  @Autowired Api api;
  @Autowired EventLog events;

  final List<Long> fields = new ArrayList<>();

  @AfterEach
  void deleteFields() {
    fields.forEach(id -> api.delete("/fields/" + id));
  }

  /** The feed's position after every event committed so far. */
  long head() {
    return events.head();
  }

  /** Every event after this position that the predicate selects, in feed order. */
  List<JsonNode> eventsAfter(long after, Predicate<JsonNode> which) {
    List<JsonNode> selected = new ArrayList<>();
    String path = "/events?limit=500&after=" + after;
    while (true) {
      Reply reply = api.get(path);
      assertThat(reply.status()).as(reply.body()).isEqualTo(200);
      JsonNode items = reply.json().path("items");
      items.forEach(
          event -> {
            if (which.test(event)) {
              selected.add(event);
            }
          });
      if (items.isEmpty()) {
        return selected;
      }
      path = "/events?limit=500&cursor=" + reply.json().path("nextCursor").asString();
    }
  }

  static Predicate<JsonNode> about(String resourceType, long... ids) {
    return event -> {
      if (!event.path("resource").path("type").asString().equals(resourceType)) {
        return false;
      }
      long id = event.path("resource").path("id").asLong();
      for (long wanted : ids) {
        if (wanted == id) {
          return true;
        }
      }
      return false;
    };
  }

  static Predicate<JsonNode> ofOpportunity(long id) {
    return about("opportunity", id)
        .or(
            event ->
                event.path("resource").path("type").asString().equals("opportunityLead")
                    && event.path("data").path("opportunityID").asLong() == id);
  }

  static List<String> types(List<JsonNode> events) {
    return events.stream().map(event -> event.path("type").asString()).toList();
  }

  static void oneTransaction(List<JsonNode> events) {
    assertThat(events).isNotEmpty();
    assertThat(events.stream().map(e -> e.path("transactionID").asString()).distinct()).hasSize(1);
    assertThat(events.get(0).path("transactionID").asString()).isNotBlank();
  }

  static BigDecimal decimal(JsonNode node) {
    return new BigDecimal(node.asString());
  }

  String customField(String dataType, int length) {
    Reply created =
        CustomFields.create(api, CustomFields.body("ev", "Event " + dataType, dataType, length));
    fields.add(created.id());
    return created.json().path("systemName").asString();
  }

  @Test
  void restSingleWritesRecordWhatAGetReturnsWithChangesAndTheirAssociations() {
    String region = customField("text", 40);
    long start = head();
    Map<String, Object> opportunity = minimal(uniqueOwner());
    opportunity.put("primaryLeadID", 905270274L);
    opportunity.put(region, "EMEA");
    long id = create(api, opportunity);
    JsonNode created = api.get("/opportunities/" + id).json();

    List<JsonNode> creation = eventsAfter(start, ofOpportunity(id));
    assertThat(types(creation)).containsExactly("opportunity.created", "opportunityLead.created");
    oneTransaction(creation);
    assertThat(creation.get(0).path("data")).isEqualTo(created);
    assertThat(creation.get(0).path("data").path(region).asString()).isEqualTo("EMEA");
    assertThat(creation.get(0).path("changes").isNull()).isTrue();
    assertThat(creation.get(0).path("actor").path("keyId").asString()).startsWith("test_admin");
    assertThat(creation.get(1).path("data").path("leadID").asLong()).isEqualTo(905270274L);
    assertThat(created.path("stageChangeTimestamp").asString())
        .isEqualTo(created.path("createTimestamp").asString());

    long afterCreate = head();
    Reply patched = api.patch("/opportunities/" + id, json(Map.of("amount", 250, region, "APAC")));
    assertThat(patched.status()).as(patched.body()).isEqualTo(200);
    List<JsonNode> update = eventsAfter(afterCreate, ofOpportunity(id));
    assertThat(types(update)).containsExactly("opportunity.updated");
    assertThat(update.get(0).path("data")).isEqualTo(api.get("/opportunities/" + id).json());
    JsonNode changes = update.get(0).path("changes");
    assertThat(changes.path("amount").path("from").isNull()).isTrue();
    assertThat(decimal(changes.path("amount").path("to"))).isEqualByComparingTo("250");
    assertThat(changes.path(region).path("from").asString()).isEqualTo("EMEA");
    assertThat(changes.path(region).path("to").asString()).isEqualTo("APAC");
    assertThat(changes.has("updateTimestamp")).isFalse();
    assertThat(changes.has("dealStageID")).isFalse();

    long afterPatch = head();
    Map<String, Object> replacement = minimal(created.path("ownerID").asLong());
    replacement.put("dealStageID", 3);
    replacement.put("primaryLeadID", 905270275L);
    Reply replaced = api.put("/opportunities/" + id, json(replacement));
    assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
    JsonNode afterReplace = api.get("/opportunities/" + id).json();
    List<JsonNode> replace = eventsAfter(afterPatch, ofOpportunity(id));
    assertThat(types(replace)).containsExactly("opportunity.updated", "opportunityLead.created");
    oneTransaction(replace);
    assertThat(replace.get(0).path("changes").path("dealStageID").path("to").asLong()).isEqualTo(3);
    assertThat(replace.get(0).path("changes").has("stageChangeTimestamp")).isTrue();
    assertThat(replace.get(0).path("changes").path(region).path("to").isNull()).isTrue();
    assertThat(afterReplace.path("stageChangeTimestamp").asString())
        .isEqualTo(afterReplace.path("updateTimestamp").asString())
        .isNotEqualTo(created.path("stageChangeTimestamp").asString());

    long beforeDelete = head();
    assertThat(api.delete("/opportunities/" + id).status()).isEqualTo(204);
    List<JsonNode> deletion = eventsAfter(beforeDelete, ofOpportunity(id));
    assertThat(types(deletion))
        .containsExactly(
            "opportunity.deleted", "opportunityLead.deleted", "opportunityLead.deleted");
    oneTransaction(deletion);
    assertThat(deletion.get(0).path("data")).isEqualTo(afterReplace);
  }

  @Test
  void associationsCreatedAndDeletedOverRestAreEvents() {
    long id = create(api, minimal(uniqueOwner()));
    long start = head();
    Reply linked = api.post("/opportunityLeads", json(Map.of("opportunityID", id, "leadID", 4242)));
    assertThat(linked.status()).as(linked.body()).isEqualTo(201);
    assertThat(api.delete("/opportunityLeads/" + linked.id()).status()).isEqualTo(204);
    List<JsonNode> events = eventsAfter(start, ofOpportunity(id));
    assertThat(types(events)).containsExactly("opportunityLead.created", "opportunityLead.deleted");
    assertThat(events.get(0).path("data")).isEqualTo(linked.json());
    assertThat(events.get(0).path("transactionID"))
        .isNotEqualTo(events.get(1).path("transactionID"));
  }

  @Test
  void aBatchIsOneTransactionAndARefusedAtomicBatchRecordsNothing() {
    long owner = uniqueOwner();
    long start = head();
    List<Object> items = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      items.add(minimal(owner));
    }
    Reply batch = api.post("/opportunities/batch", json(Map.of("items", items)));
    assertThat(batch.status()).as(batch.body()).isEqualTo(200);
    Predicate<JsonNode> owned = event -> event.path("data").path("ownerID").asLong() == owner;
    List<JsonNode> created = eventsAfter(start, owned);
    assertThat(created).hasSize(500);
    assertThat(types(created)).containsOnly("opportunity.created");
    oneTransaction(created);
    long first = batch.json().path("results").get(0).path("id").asLong();
    assertThat(created.get(0).path("data")).isEqualTo(api.get("/opportunities/" + first).json());

    long afterCreate = head();
    List<Object> patches = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      patches.add(
          Map.of("id", batch.json().path("results").get(i).path("id").asLong(), "amount", 10 + i));
    }
    patches.add(Map.of("id", 987654321987L, "amount", 1));
    Reply patched = api.patch("/opportunities/batch", json(Map.of("items", patches)));
    assertThat(patched.status()).as(patched.body()).isEqualTo(200);
    List<JsonNode> updated = eventsAfter(afterCreate, owned);
    assertThat(types(updated))
        .containsExactly("opportunity.updated", "opportunity.updated", "opportunity.updated");
    oneTransaction(updated);
    assertThat(decimal(updated.get(2).path("changes").path("amount").path("to")))
        .isEqualByComparingTo("12");

    long beforeRefused = head();
    Map<String, Object> invalid = minimal(owner);
    invalid.remove("opportunityName");
    Reply refused =
        api.post(
            "/opportunities/batch?atomic=true",
            json(Map.of("items", List.of(minimal(owner), invalid))));
    assertThat(refused.status()).isEqualTo(400);
    Reply refusedPatch =
        api.patch(
            "/opportunities/batch?atomic=true",
            json(Map.of("items", List.of(Map.of("id", first, "amount", 77), Map.of("amount", 1)))));
    assertThat(refusedPatch.status()).isEqualTo(400);
    assertThat(eventsAfter(beforeRefused, owned)).isEmpty();
  }

  @Test
  void aBatchUpsertByExternalKeyRecordsWhatItCreatedAndReplaced() {
    Map<String, Object> definition = CustomFields.body("ev", "Event key", "text", 40);
    definition.put("isUnique", true);
    Reply field = CustomFields.create(api, definition);
    fields.add(field.id());
    String key = field.json().path("systemName").asString();
    long owner = uniqueOwner();
    long start = head();
    Map<String, Object> first = minimal(owner);
    first.put(key, "K-1");
    first.put("opportunityName", "First");
    first.put("primaryLeadID", 4242);
    Map<String, Object> second = minimal(owner);
    second.put(key, "K-2");
    Map<String, Object> withoutKey = minimal(owner);
    Map<String, Object> firstRenamed = new java.util.HashMap<>(first);
    firstRenamed.put("opportunityName", "First, renamed");
    String path = "/opportunities/batch?upsertBy=" + key;
    Reply upserted =
        api.post(path, json(Map.of("items", List.of(first, second, withoutKey, firstRenamed))));
    assertThat(upserted.status()).as(upserted.body()).isEqualTo(200);
    JsonNode results = upserted.json().path("results");
    long one = results.get(0).path("id").asLong();
    long two = results.get(1).path("id").asLong();
    assertThat(results.get(2).path("status").asInt()).isEqualTo(400);

    List<JsonNode> recorded = eventsAfter(start, ofOpportunity(one).or(ofOpportunity(two)));
    assertThat(types(recorded))
        .containsExactly(
            "opportunity.created",
            "opportunityLead.created",
            "opportunity.created",
            "opportunity.updated");
    oneTransaction(recorded);
    assertThat(recorded.get(0).path("resource").path("id").asLong()).isEqualTo(one);
    assertThat(recorded.get(1).path("data").path("leadID").asLong()).isEqualTo(4242);
    assertThat(recorded.get(2).path("data")).isEqualTo(api.get("/opportunities/" + two).json());
    JsonNode renamed = recorded.get(3);
    assertThat(renamed.path("data")).isEqualTo(api.get("/opportunities/" + one).json());
    assertThat(renamed.path("changes").path("opportunityName").path("from").asString())
        .isEqualTo("First");
    assertThat(renamed.path("changes").path("opportunityName").path("to").asString())
        .isEqualTo("First, renamed");

    long again = head();
    Reply unchanged = api.post(path, json(Map.of("items", List.of(firstRenamed))));
    assertThat(unchanged.status()).as(unchanged.body()).isEqualTo(200);
    assertThat(eventsAfter(again, ofOpportunity(one))).isEmpty();
  }

  @Test
  void wireProtocolWritesAreEventsLikeRestOnes() {
    WireClient wire = WireClient.of(api, Api.ADMIN_TOKEN);
    long owner = uniqueOwner();
    long start = head();
    JsonNode created =
        wire.call(
            "{\"method\":\"createOpportunities\",\"params\":{\"objects\":[{\"ownerID\":\""
                + owner
                + "\",\"dealStageID\":\"2\",\"opportunityName\":\"Wire\",\"closeDate\":"
                + "\"2026-12-31\",\"amount\":\"10\"}]},\"id\":1}");
    long id = created.path("result").path("creates").path(0).path("id").asLong();
    assertThat(id).isPositive();
    wire.call(
        "{\"method\":\"updateOpportunities\",\"params\":{\"objects\":[{\"id\":\""
            + id
            + "\",\"amount\":\"99\"}]},\"id\":2}");
    JsonNode link =
        wire.call(
            "{\"method\":\"createOpportunityLeads\",\"params\":{\"objects\":[{\"opportunityID\":\""
                + id
                + "\",\"leadID\":\"777\"}]},\"id\":3}");
    long linkId = link.path("result").path("creates").path(0).path("id").asLong();
    wire.call(
        "{\"method\":\"updateOpportunityLeads\",\"params\":{\"objects\":[{\"id\":\""
            + linkId
            + "\",\"leadID\":\"778\"}]},\"id\":4}");
    JsonNode row =
        wire.call("{\"method\":\"getOpportunity\",\"params\":{\"id\":\"" + id + "\"},\"id\":5}");
    assertThat(row.path("result").path("opportunity").get(0).has("stageChangeTimestamp"))
        .as("wire rows keep the schema's fields")
        .isFalse();
    JsonNode beforeDelete = api.get("/opportunities/" + id).json();
    wire.call(
        "{\"method\":\"deleteOpportunities\",\"params\":{\"objects\":[{\"id\":\""
            + id
            + "\"}]},\"id\":6}");

    List<JsonNode> events = eventsAfter(start, ofOpportunity(id));
    assertThat(types(events))
        .containsExactly(
            "opportunity.created",
            "opportunity.updated",
            "opportunityLead.created",
            "opportunityLead.updated",
            "opportunity.deleted",
            "opportunityLead.deleted");
    assertThat(decimal(events.get(1).path("changes").path("amount").path("to")))
        .isEqualByComparingTo("99");
    assertThat(events.get(3).path("changes").path("leadID").path("to").asLong()).isEqualTo(778);
    assertThat(events.get(4).path("data")).isEqualTo(beforeDelete);
    assertThat(events.get(4).path("transactionID")).isEqualTo(events.get(5).path("transactionID"));
  }

  @Test
  void anAssociationBatchRecordsTheCreatedItemsInOneTransactionAndNothingOfRefusedOnes() {
    long id = create(api, minimal(uniqueOwner()));
    Reply existing =
        api.post("/opportunityLeads", json(Map.of("opportunityID", id, "leadID", 5100)));
    assertThat(existing.status()).as(existing.body()).isEqualTo(201);
    long start = head();
    Reply batch =
        api.post(
            "/opportunityLeads/batch",
            json(
                Map.of(
                    "items",
                    List.of(
                        Map.of("opportunityID", id, "leadID", 5101),
                        Map.of("opportunityID", id, "leadID", 5100),
                        Map.of("opportunityID", 987654321987L, "leadID", 5102),
                        Map.of("opportunityID", id, "leadID", 5103)))));
    assertThat(batch.status()).as(batch.body()).isEqualTo(200);
    JsonNode results = batch.json().path("results");
    assertThat(results.get(1).path("status").asInt()).isEqualTo(409);
    assertThat(results.get(2).path("status").asInt()).isEqualTo(400);
    List<JsonNode> events = eventsAfter(start, ofOpportunity(id));
    assertThat(types(events)).containsExactly("opportunityLead.created", "opportunityLead.created");
    oneTransaction(events);
    assertThat(events.get(0).path("data"))
        .isEqualTo(api.get("/opportunityLeads/" + results.get(0).path("id").asLong()).json());
    assertThat(events.get(1).path("resource").path("id").asLong())
        .isEqualTo(results.get(3).path("id").asLong());

    long beforeRefused = head();
    Reply refused =
        api.post(
            "/opportunityLeads/batch?atomic=true",
            json(
                Map.of(
                    "items",
                    List.of(
                        Map.of("opportunityID", id, "leadID", 5104),
                        Map.of("opportunityID", id, "leadID", 5100)))));
    assertThat(refused.status()).as(refused.body()).isEqualTo(409);
    assertThat(eventsAfter(beforeRefused, ofOpportunity(id))).isEmpty();
    assertThat(api.get("/opportunityLeads?leadID=5104&opportunityID=" + id).json().path("items"))
        .isEmpty();
  }

  @Test
  void aWireMoveOfAnAssociationToAnotherOwnersOpportunityIsSeenByBothOwners() {
    long previous = uniqueOwner();
    long next = uniqueOwner();
    long from = create(api, minimal(previous));
    long to = create(api, minimal(next));
    Reply linked =
        api.post("/opportunityLeads", json(Map.of("opportunityID", from, "leadID", 4343)));
    assertThat(linked.status()).as(linked.body()).isEqualTo(201);
    JsonNode moved =
        WireClient.of(api, Api.ADMIN_TOKEN)
            .call(
                "{\"method\":\"updateOpportunityLeads\",\"params\":{\"objects\":[{\"id\":\""
                    + linked.id()
                    + "\",\"opportunityID\":\""
                    + to
                    + "\"}]},\"id\":1}");
    assertThat(moved.path("result").path("updates").path(0).path("success").asBoolean())
        .as(moved.toString())
        .isTrue();

    String query = "/events?resourceType=opportunityLead&resourceID=" + linked.id();
    List<JsonNode> previousSees = items(Keys.client(api, Role.SALESPERSON, previous).get(query));
    assertThat(types(previousSees))
        .as("the owner the association was moved away from: before the change")
        .containsExactly("opportunityLead.created", "opportunityLead.updated");
    JsonNode move = previousSees.get(1);
    assertThat(move.path("changes").path("opportunityID").path("from").asLong()).isEqualTo(from);
    assertThat(move.path("changes").path("opportunityID").path("to").asLong()).isEqualTo(to);
    assertThat(move.path("data")).isEqualTo(api.get("/opportunityLeads/" + linked.id()).json());
    assertThat(items(Keys.client(api, Role.SALESPERSON, next).get(query)))
        .as("the owner it was moved to: after the change")
        .containsExactly(move);
    assertThat(items(Keys.client(api, Role.SALESPERSON, uniqueOwner()).get(query))).isEmpty();
  }

  static List<JsonNode> items(Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    List<JsonNode> items = new ArrayList<>();
    reply.json().path("items").forEach(items::add);
    return items;
  }

  @Test
  void aStageMovedToAnotherPipelineUpdatesItsOpportunitiesInItsTransaction() {
    long pipeline = api.post("/pipelines", json(Map.of("name", "To " + UUID.randomUUID()))).id();
    long stage =
        api.post(
                "/dealStages",
                json(
                    Map.of(
                        "dealStageName", "Moving " + UUID.randomUUID(), "defaultProbability", 20)))
            .id();
    Map<String, Object> opportunity = minimal(uniqueOwner());
    opportunity.put("dealStageID", stage);
    long moved = create(api, opportunity);
    Reply old = api.get("/opportunities/" + moved);
    long start = head();

    Reply patched =
        api.request("PATCH", "/dealStages/" + stage)
            .body("application/merge-patch+json", json(Map.of("pipelineID", pipeline)))
            .send();
    assertThat(patched.status()).as(patched.body()).isEqualTo(200);

    Reply now = api.get("/opportunities/" + moved);
    assertThat(now.json().path("pipelineID").asLong()).isEqualTo(pipeline);
    assertThat(now.header("ETag")).isNotEqualTo(old.header("ETag"));
    assertThat(now.json().path("updateTimestamp").asString())
        .isGreaterThan(old.json().path("updateTimestamp").asString());
    assertThat(now.json().path("stageChangeTimestamp"))
        .isEqualTo(old.json().path("stageChangeTimestamp"));
    Reply revalidated =
        api.request("GET", "/opportunities/" + moved)
            .header("If-None-Match", java.util.Objects.requireNonNull(old.header("ETag")))
            .send();
    assertThat(revalidated.status()).isEqualTo(200);

    List<JsonNode> recorded =
        eventsAfter(start, about("opportunity", moved).or(about("dealStage", stage)));
    assertThat(types(recorded)).containsExactly("dealStage.updated", "opportunity.updated");
    oneTransaction(recorded);
    JsonNode update = recorded.get(1);
    assertThat(update.path("data")).isEqualTo(now.json());
    assertThat(update.path("changes").path("pipelineID").path("from").asLong())
        .isEqualTo(old.json().path("pipelineID").asLong());
    assertThat(update.path("changes").path("pipelineID").path("to").asLong()).isEqualTo(pipeline);
  }

  @Test
  void aStageDeletionWithMoveToUpdatesEveryMovedOpportunityInItsTransaction() {
    long start = head();
    Reply from =
        api.post(
            "/dealStages",
            json(Map.of("dealStageName", "From " + UUID.randomUUID(), "defaultProbability", 15)));
    Reply to =
        api.post(
            "/dealStages",
            json(Map.of("dealStageName", "To " + UUID.randomUUID(), "defaultProbability", 45)));
    long fromId = from.id();
    long toId = to.id();
    Reply renamed = api.patch("/dealStages/" + toId, json(Map.of("description", "where deals go")));
    assertThat(renamed.status()).isEqualTo(200);
    long[] moved = new long[2];
    for (int i = 0; i < 2; i++) {
      Map<String, Object> opportunity = minimal(uniqueOwner());
      opportunity.put("dealStageID", fromId);
      moved[i] = create(api, opportunity);
    }
    JsonNode old = api.get("/opportunities/" + moved[0]).json();
    long beforeDeletion = head();
    assertThat(api.delete("/dealStages/" + fromId + "?moveTo=" + toId).status()).isEqualTo(204);

    List<JsonNode> stageEvents = eventsAfter(start, about("dealStage", fromId, toId));
    assertThat(types(stageEvents))
        .containsExactly(
            "dealStage.created", "dealStage.created", "dealStage.updated", "dealStage.deleted");
    assertThat(stageEvents.get(2).path("changes").path("description").path("to").asString())
        .isEqualTo("where deals go");

    List<JsonNode> deletion =
        eventsAfter(
            beforeDeletion, about("opportunity", moved).or(about("dealStage", fromId, toId)));
    assertThat(types(deletion))
        .containsExactly("opportunity.updated", "opportunity.updated", "dealStage.deleted");
    oneTransaction(deletion);
    JsonNode now = api.get("/opportunities/" + moved[0]).json();
    assertThat(deletion.get(0).path("data")).isEqualTo(now);
    JsonNode changes = deletion.get(0).path("changes");
    assertThat(changes.path("dealStageID").path("from").asLong()).isEqualTo(fromId);
    assertThat(changes.path("dealStageID").path("to").asLong()).isEqualTo(toId);
    assertThat(decimal(changes.path("probability").path("to"))).isEqualByComparingTo("45");
    assertThat(now.path("stageChangeTimestamp").asString())
        .isEqualTo(now.path("updateTimestamp").asString())
        .isNotEqualTo(old.path("stageChangeTimestamp").asString());
  }

  @Test
  void aCustomFieldConvertedOrDeletedUpdatesTheOpportunitiesWhoseValueChanged() {
    long beforeField = head();
    String code = customField("text", 20);
    long fieldId =
        api.get("/fields?systemName=" + code).json().path("items").get(0).path("id").asLong();
    List<JsonNode> creation = eventsAfter(beforeField, about("field", fieldId));
    assertThat(types(creation)).containsExactly("field.created");
    assertThat(creation.get(0).path("data")).isEqualTo(api.get("/fields/" + fieldId).json());
    Map<String, Object> numeric = minimal(uniqueOwner());
    numeric.put(code, "123");
    long withValue = create(api, numeric);
    long without = create(api, minimal(uniqueOwner()));

    long beforeConversion = head();
    Reply converted = api.patch("/fields/" + fieldId, json(Map.of("dataType", "integer")));
    assertThat(converted.status()).as(converted.body()).isEqualTo(200);
    List<JsonNode> conversion =
        eventsAfter(
            beforeConversion, about("opportunity", withValue, without).or(about("field", fieldId)));
    assertThat(types(conversion)).containsExactly("opportunity.updated", "field.updated");
    oneTransaction(conversion);
    assertThat(conversion.get(0).path("resource").path("id").asLong()).isEqualTo(withValue);
    JsonNode change = conversion.get(0).path("changes").path(code);
    assertThat(change.path("from").asString()).isEqualTo("123");
    assertThat(change.path("to").isIntegralNumber()).isTrue();
    assertThat(conversion.get(0).path("data"))
        .isEqualTo(api.get("/opportunities/" + withValue).json());
    assertThat(conversion.get(1).path("changes").path("dataType").path("to").asString())
        .isEqualTo("integer");

    long beforeDeletion = head();
    assertThat(api.delete("/fields/" + fieldId).status()).isEqualTo(204);
    fields.remove(Long.valueOf(fieldId));
    List<JsonNode> deletion =
        eventsAfter(
            beforeDeletion, about("opportunity", withValue, without).or(about("field", fieldId)));
    assertThat(types(deletion)).containsExactly("opportunity.updated", "field.deleted");
    oneTransaction(deletion);
    assertThat(deletion.get(0).path("changes").path(code).path("from").asLong()).isEqualTo(123);
    assertThat(deletion.get(0).path("data").has(code)).isFalse();
    assertThat(deletion.get(0).path("data"))
        .isEqualTo(api.get("/opportunities/" + withValue).json());
  }
}
