package com.leadgencrm.opportunities.opportunity;

import static com.leadgencrm.opportunities.opportunity.Opportunities.minimal;
import static com.leadgencrm.opportunities.opportunity.Opportunities.uniqueOwner;
import static com.leadgencrm.opportunities.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.leadgencrm.opportunities.core.Role;
import com.leadgencrm.opportunities.security.Keys;
import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Api.Reply;
import com.leadgencrm.opportunities.support.CustomFields;
import com.leadgencrm.opportunities.support.HeldLocks;
import com.leadgencrm.opportunities.support.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Unique custom fields as external keys, and upserts by them (SPEC §2). */
@IntegrationTest
class ExternalKeyTest {

  @Autowired Api api;

  String field(String dataType, boolean unique) {
    Map<String, Object> field =
        CustomFields.body("key", "Key", dataType, dataType.equals("text") ? 40 : 18);
    String systemName = (String) field.get("systemName");
    field.put("label", "Key " + systemName);
    field.put("isUnique", unique);
    Reply created = api.post("/fields", json(field));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().path("isUnique").asBoolean()).isEqualTo(unique);
    return systemName;
  }

  Reply createWith(String key, Object value) {
    var opportunity = minimal(uniqueOwner());
    opportunity.put(key, value);
    return api.post("/opportunities", json(opportunity));
  }

  @Test
  void aUniqueFieldRefusesADuplicateNamingTheHolder() {
    String key = field("text", true);
    long holder = createWith(key, "SO-1").id();
    Reply duplicate = createWith(key, "SO-1");
    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(duplicate.json().path("existingId").asLong()).isEqualTo(holder);
    assertThat(duplicate.json().path("detail").asString()).contains(Long.toString(holder));
    long other = createWith(key, "SO-2").id();
    Reply patched = api.patch("/opportunities/" + other, json(Map.of(key, "SO-1")));
    assertThat(patched.status()).isEqualTo(409);
    assertThat(api.patch("/opportunities/" + holder, json(Map.of(key, "SO-1"))).status())
        .isEqualTo(200);
  }

  @Test
  void onlyTextEmailUrlPhoneAndIntegerFieldsCanBeUnique() {
    Map<String, Object> field = CustomFields.definition("Flag", "boolean", 1);
    field.put("isUnique", true);
    assertThat(api.post("/fields", json(field)).errorFields()).containsExactly("isUnique");
  }

  @Test
  void turningUniqueOnWithDuplicatesIs409ListingThem() {
    String key = field("text", false);
    long first = createWith(key, "dup").id();
    long second = createWith(key, "dup").id();
    long fieldId =
        api.get("/fields?systemName=" + key).json().path("items").get(0).path("id").asLong();
    Reply refused = api.patch("/fields/" + fieldId, "{\"isUnique\": true}");
    assertThat(refused.status()).as(refused.body()).isEqualTo(409);
    JsonNode duplicates = refused.json().path("duplicates");
    assertThat(duplicates.get(0).path("value").asString()).isEqualTo("dup");
    assertThat(duplicates.get(0).path("opportunityIDs").toString())
        .isEqualTo("[" + first + "," + second + "]");
    api.patch("/opportunities/" + second, json(Map.of(key, "unique now")));
    assertThat(api.patch("/fields/" + fieldId, "{\"isUnique\": true}").status()).isEqualTo(200);
    assertThat(createWith(key, "dup").status()).isEqualTo(409);
  }

  @Test
  void turningUniqueOnWaitsForAChangeInFlightAndSeesTheValueItWrote() throws Exception {
    String key = field("text", false);
    long first = createWith(key, "SO-1").id();
    long second = createWith(key, "SO-2").id();
    long fieldId =
        api.get("/fields?systemName=" + key).json().path("items").get(0).path("id").asLong();
    // another instance's PATCH of the second opportunity, between the statement that locked it
    // (and read the field catalog, where the field is not unique) and its write
    try (HeldLocks change =
        HeldLocks.take(
            "select 1 from crm.opportunity where id = " + second + " for no key update")) {
      CompletableFuture<Reply> turnedOn =
          CompletableFuture.supplyAsync(
              () -> api.patch("/fields/" + fieldId, "{\"isUnique\": true}"));
      await().atMost(Duration.ofSeconds(10)).until(() -> change.waiting() == 1);
      change
          .runLater(
              "update crm.opportunity set custom_fields = custom_fields || jsonb_build_object('"
                  + key
                  + "', 'SO-1') where id = "
                  + second)
          .get(10, TimeUnit.SECONDS);
      change.commit();
      Reply refused = turnedOn.get(10, TimeUnit.SECONDS);
      assertThat(refused.status()).as(refused.body()).isEqualTo(409);
      assertThat(refused.json().path("duplicates").get(0).path("opportunityIDs").toString())
          .isEqualTo("[" + first + "," + second + "]");
    }
  }

  @Test
  void putByKeyCreatesThenReplaces() {
    String key = field("text", true);
    long owner = uniqueOwner();
    Reply created = api.put("/opportunities/by/" + key + "/ERP-7", json(minimal(owner)));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    long id = created.id();
    assertThat(created.header("Location")).endsWith("/opportunities/" + id);
    assertThat(created.json().path(key).asString()).isEqualTo("ERP-7");

    var changed = minimal(owner);
    changed.put("opportunityName", "Renamed");
    changed.put(key, "ERP-7");
    Reply replaced = api.put("/opportunities/by/" + key + "/ERP-7", json(changed));
    assertThat(replaced.status()).isEqualTo(200);
    assertThat(replaced.id()).isEqualTo(id);
    assertThat(replaced.json().path("opportunityName").asString()).isEqualTo("Renamed");

    Reply stale =
        api.request("PUT", "/opportunities/by/" + key + "/ERP-7")
            .header("If-Match", created.header("ETag"))
            .json(json(changed))
            .send();
    assertThat(stale.status()).isEqualTo(412);

    changed.put(key, "ERP-8");
    assertThat(api.put("/opportunities/by/" + key + "/ERP-7", json(changed)).errorFields())
        .containsExactly(key);
    assertThat(api.put("/opportunities/by/no_such_key/1", json(minimal(owner))).status())
        .isEqualTo(404);
    String plain = field("text", false);
    assertThat(api.put("/opportunities/by/" + plain + "/1", json(minimal(owner))).status())
        .isEqualTo(404);
  }

  @Test
  void anIntegerKeyAndItsIdempotencyKey() {
    String key = field("integer", true);
    long owner = uniqueOwner();
    String body = json(minimal(owner));
    Reply first =
        api.request("PUT", "/opportunities/by/" + key + "/42")
            .header("Idempotency-Key", "upsert-" + key)
            .json(body)
            .send();
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    assertThat(first.json().path(key).asLong()).isEqualTo(42);
    Reply again =
        api.request("PUT", "/opportunities/by/" + key + "/42")
            .header("Idempotency-Key", "upsert-" + key)
            .json(body)
            .send();
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(api.put("/opportunities/by/" + key + "/4x2", body).errorFields())
        .containsExactly("value");
  }

  @Test
  void aSalespersonCannotTakeOverAnotherOwnersRecord() {
    String key = field("text", true);
    long mine = uniqueOwner();
    Api salesperson = Keys.client(api, Role.SALESPERSON, mine);
    assertThat(
            api.put("/opportunities/by/" + key + "/theirs", json(minimal(uniqueOwner()))).status())
        .isEqualTo(201);
    assertThat(
            salesperson.put("/opportunities/by/" + key + "/theirs", json(minimal(mine))).status())
        .isEqualTo(404);
    assertThat(salesperson.put("/opportunities/by/" + key + "/mine", json(minimal(mine))).status())
        .isEqualTo(201);
  }

  @Test
  void twentyParallelUpsertsOfOneKeyMakeOneOpportunity() throws Exception {
    String key = field("text", true);
    long owner = uniqueOwner();
    ExecutorService pool = Executors.newFixedThreadPool(20);
    List<Future<Reply>> replies = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) {
        var opportunity = minimal(owner);
        opportunity.put("opportunityName", "Race " + i);
        String body = json(opportunity);
        replies.add(pool.submit(() -> api.put("/opportunities/by/" + key + "/RACE", body)));
      }
      List<Integer> statuses = new ArrayList<>();
      List<Long> ids = new ArrayList<>();
      for (Future<Reply> reply : replies) {
        statuses.add(reply.get().status());
        ids.add(reply.get().id());
      }
      assertThat(statuses).as(statuses.toString()).allMatch(s -> s == 200 || s == 201);
      assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
      assertThat(ids.stream().distinct().count()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(api.get("/opportunities?ownerID=" + owner).json().path("items").size()).isEqualTo(1);
  }

  // --- POST /opportunities/batch?upsertBy= ---

  Map<String, Object> keyed(long owner, String key, Object value, String name) {
    var opportunity = minimal(owner);
    opportunity.put(key, value);
    opportunity.put("opportunityName", name);
    return opportunity;
  }

  Reply upsertBatch(Api as, String query, List<?> items) {
    return as.post("/opportunities/batch?" + query, json(Map.of("items", items)));
  }

  static List<Integer> statuses(Reply reply) {
    List<Integer> statuses = new ArrayList<>();
    reply.json().path("results").forEach(r -> statuses.add(r.path("status").asInt()));
    return statuses;
  }

  String nameOf(long id) {
    return api.get("/opportunities/" + id).json().path("opportunityName").asString();
  }

  @Test
  void aBatchUpsertReplacesHeldKeysAndCreatesTheOthersInInputOrder() {
    String key = field("text", true);
    long owner = uniqueOwner();
    long held = createWith(key, "B-1").id();
    var withoutKey = minimal(owner);
    Reply reply =
        upsertBatch(
            api,
            "upsertBy=" + key,
            List.of(
                keyed(owner, key, "B-1", "Replaced"),
                keyed(owner, key, "B-2", "Created"),
                withoutKey,
                keyed(owner, key, "B-2", "Created, then replaced"),
                keyed(owner, key, "B-3", "")));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(statuses(reply)).containsExactly(200, 201, 400, 200, 400);
    JsonNode results = reply.json().path("results");
    assertThat(results.get(0).path("id").asLong()).isEqualTo(held);
    long created = results.get(1).path("id").asLong();
    assertThat(results.get(3).path("id").asLong()).isEqualTo(created);
    assertThat(results.get(2).path("problem").path("errors").get(0).path("field").asString())
        .isEqualTo(key);
    assertThat(results.get(4).path("problem").path("errors").get(0).path("field").asString())
        .isEqualTo("opportunityName");
    assertThat(nameOf(held)).isEqualTo("Replaced");
    assertThat(nameOf(created)).isEqualTo("Created, then replaced");
    // the held one (now the owner's) and the created one
    assertThat(api.get("/opportunities?ownerID=" + owner).json().path("items").size()).isEqualTo(2);
    assertThat(api.get("/opportunities?" + key + "=B-3").json().path("items").size()).isZero();
  }

  @Test
  void anAtomicBatchUpsertWithARefusedItemWritesNothing() {
    String key = field("integer", true);
    long owner = uniqueOwner();
    long held = createWith(key, 7).id();
    Reply refused =
        upsertBatch(
            api,
            "atomic=true&upsertBy=" + key,
            List.of(
                keyed(owner, key, 7, "Not replaced"),
                keyed(owner, key, 8, "Not created"),
                keyed(owner, key, "eight", "Bad key")));
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(statuses(refused)).containsExactly(424, 424, 400);
    assertThat(nameOf(held)).isNotEqualTo("Not replaced");
    assertThat(api.get("/opportunities?ownerID=" + owner).json().path("items").size()).isZero();

    Reply applied =
        upsertBatch(
            api,
            "atomic=true&upsertBy=" + key,
            List.of(keyed(owner, key, 7, "Replaced"), keyed(owner, key, 8, "Created")));
    assertThat(statuses(applied)).containsExactly(200, 201);
    assertThat(nameOf(held)).isEqualTo("Replaced");
  }

  @Test
  void upsertByMustNameAUniqueField() {
    long owner = uniqueOwner();
    String plain = field("text", false);
    for (String query : List.of("upsertBy=no_such_field", "upsertBy=" + plain)) {
      Reply refused = upsertBatch(api, query, List.of(keyed(owner, plain, "x", "Bad")));
      assertThat(refused.status()).as(query).isEqualTo(400);
      assertThat(refused.errorFields()).containsExactly("upsertBy");
    }
    assertThat(api.get("/opportunities?ownerID=" + owner).json().path("items").size()).isZero();
  }

  @Test
  void aBatchUpsertCannotTakeOverAnotherOwnersRecord() {
    String key = field("text", true);
    long mine = uniqueOwner();
    long theirs = uniqueOwner();
    long held =
        upsertBatch(api, "upsertBy=" + key, List.of(keyed(theirs, key, "T-1", "Theirs")))
            .json()
            .path("results")
            .get(0)
            .path("id")
            .asLong();
    Api salesperson = Keys.client(api, Role.SALESPERSON, mine);
    Reply reply =
        upsertBatch(
            salesperson,
            "upsertBy=" + key,
            List.of(keyed(mine, key, "T-1", "Taken over"), keyed(mine, key, "M-1", "Mine")));
    assertThat(statuses(reply)).containsExactly(404, 201);
    assertThat(nameOf(held)).isEqualTo("Theirs");
  }

  @Test
  void concurrentBatchUpsertsWithOverlappingKeysMakeOneOpportunityPerKey() throws Exception {
    String key = field("text", true);
    long owner = uniqueOwner();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    List<Future<Reply>> replies = new ArrayList<>();
    try {
      for (int b = 0; b < 6; b++) {
        List<Object> items = new ArrayList<>();
        // overlapping keys, each batch in another order
        for (int k = 0; k < 10; k++) {
          int n = (k * (b + 1) + b) % 10;
          items.add(keyed(owner, key, "K-" + n, "Batch " + b));
        }
        replies.add(pool.submit(() -> upsertBatch(api, "upsertBy=" + key, items)));
      }
      List<Integer> all = new ArrayList<>();
      for (Future<Reply> reply : replies) {
        assertThat(reply.get().status()).as(reply.get().body()).isEqualTo(200);
        all.addAll(statuses(reply.get()));
      }
      assertThat(all).allMatch(s -> s == 200 || s == 201);
    } finally {
      pool.shutdownNow();
    }
    JsonNode items = api.get("/opportunities?limit=500&ownerID=" + owner).json().path("items");
    List<String> keys = new ArrayList<>();
    items.forEach(item -> keys.add(item.path(key).asString()));
    assertThat(keys).doesNotHaveDuplicates().hasSize(10);
  }
}
