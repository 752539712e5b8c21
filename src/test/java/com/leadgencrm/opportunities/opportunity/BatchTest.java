package com.leadgencrm.opportunities.opportunity;

import static com.leadgencrm.opportunities.opportunity.Opportunities.create;
import static com.leadgencrm.opportunities.opportunity.Opportunities.minimal;
import static com.leadgencrm.opportunities.opportunity.Opportunities.uniqueOwner;
import static com.leadgencrm.opportunities.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.core.Role;
import com.leadgencrm.opportunities.security.Keys;
import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Api.Reply;
import com.leadgencrm.opportunities.support.IntegrationTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class BatchTest {

  @Autowired Api api;

  int countOf(long owner) {
    return api.get("/opportunities?limit=500&ownerID=" + owner).json().path("items").size();
  }

  static String batch(List<?> items) {
    return json(Map.of("items", items));
  }

  List<Object> mixed(long owner) {
    Map<String, Object> noName = minimal(owner);
    noName.remove("opportunityName");
    Map<String, Object> badStage = minimal(owner);
    badStage.put("dealStageID", 987654321);
    return List.of(
        minimal(owner), noName, minimal(owner), badStage, "not an object", minimal(owner));
  }

  @Test
  void eachItemSucceedsOrFailsOnItsOwnInInputOrder() {
    long owner = uniqueOwner();
    Reply reply = api.post("/opportunities/batch", batch(mixed(owner)));

    assertThat(reply.status()).isEqualTo(200);
    JsonNode results = reply.json().path("results");
    assertThat(results.size()).isEqualTo(6);
    List<Integer> statuses = new ArrayList<>();
    results.forEach(r -> statuses.add(r.path("status").asInt()));
    assertThat(statuses).containsExactly(201, 400, 201, 400, 400, 201);
    for (int i = 0; i < 6; i++) {
      assertThat(results.get(i).path("index").asInt()).isEqualTo(i);
    }
    assertThat(results.get(1).path("problem").path("errors").get(0).path("field").asString())
        .isEqualTo("opportunityName");
    assertThat(results.get(3).path("problem").path("errors").get(0).path("field").asString())
        .isEqualTo("dealStageID");
    long id = results.get(2).path("id").asLong();
    assertThat(api.get("/opportunities/" + id).json().path("ownerID").asLong()).isEqualTo(owner);
    assertThat(countOf(owner)).isEqualTo(3);
  }

  @Test
  void atomicBatchIsAllOrNothing() {
    long owner = uniqueOwner();
    Reply failed = api.post("/opportunities/batch?atomic=true", batch(mixed(owner)));
    assertThat(failed.status()).isEqualTo(400);
    assertThat(failed.header("Content-Type")).startsWith("application/problem+json");
    List<Integer> statuses = new ArrayList<>();
    failed.json().path("results").forEach(r -> statuses.add(r.path("status").asInt()));
    assertThat(statuses).containsExactly(424, 400, 424, 400, 400, 424);
    assertThat(countOf(owner)).isZero();

    Reply applied =
        api.post(
            "/opportunities/batch?atomic=true",
            batch(List.of(minimal(owner), minimal(owner), minimal(owner))));
    assertThat(applied.status()).isEqualTo(200);
    assertThat(countOf(owner)).isEqualTo(3);
  }

  @Test
  void batchOf500IsWrittenAndPrimaryLeadsAssociated() {
    long owner = uniqueOwner();
    List<Object> items = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      Map<String, Object> o = minimal(owner);
      o.put("opportunityName", "Bulk " + i);
      o.put("primaryLeadID", 60_000 + i);
      items.add(o);
    }
    Reply reply = api.post("/opportunities/batch", batch(items));
    assertThat(reply.status()).isEqualTo(200);
    reply.json().path("results").forEach(r -> assertThat(r.path("status").asInt()).isEqualTo(201));
    assertThat(countOf(owner)).isEqualTo(500);
    long first = reply.json().path("results").get(0).path("id").asLong();
    assertThat(
            api.get("/opportunities/" + first + "/leads")
                .json()
                .path("items")
                .get(0)
                .path("leadID")
                .asLong())
        .isEqualTo(60_000);
  }

  @Test
  void rejectsMalformedBatches() {
    List<Object> tooMany = new ArrayList<>();
    for (int i = 0; i < 501; i++) {
      tooMany.add(Map.of());
    }
    assertThat(api.post("/opportunities/batch", batch(tooMany)).errorFields())
        .containsExactly("items");
    assertThat(api.post("/opportunities/batch", batch(List.of())).errorFields())
        .containsExactly("items");
    assertThat(api.post("/opportunities/batch", "[]").status()).isEqualTo(400);
    assertThat(api.post("/opportunities/batch", "{\"items\":[],\"x\":1}").errorFields())
        .containsExactly("items", "x");
    assertThat(api.post("/opportunities/batch?atomic=perhaps", batch(List.of(Map.of()))).status())
        .isEqualTo(400);
  }

  @Test
  void patchesManyAndReportsEachItem() {
    long owner = uniqueOwner();
    long a = create(api, minimal(owner));
    long b = create(api, minimal(owner));
    List<Object> patches =
        List.of(
            Map.of("id", a, "amount", 10),
            Map.of("id", 999999999999L, "amount", 1),
            Map.of("id", b, "probability", 500),
            Map.of("amount", 3),
            Map.of("id", b, "accountID", 5));
    Reply reply = api.patch("/opportunities/batch", batch(patches));

    assertThat(reply.status()).isEqualTo(200);
    List<Integer> statuses = new ArrayList<>();
    reply.json().path("results").forEach(r -> statuses.add(r.path("status").asInt()));
    assertThat(statuses).containsExactly(200, 404, 400, 400, 200);
    assertThat(api.get("/opportunities/" + a).json().path("amount").asInt()).isEqualTo(10);
    assertThat(api.get("/opportunities/" + b).json().path("accountID").asLong()).isEqualTo(5);
    assertThat(api.get("/opportunities/" + b).json().path("probability").asInt()).isEqualTo(20);

    Reply atomic = api.patch("/opportunities/batch?atomic=true", batch(patches));
    assertThat(atomic.status()).isEqualTo(404);
    assertThat(api.get("/opportunities/" + a).json().path("amount").asInt()).isEqualTo(10);
    Map<String, Object> clear = new HashMap<>();
    clear.put("id", b);
    clear.put("accountID", null);
    assertThat(
            api.patch(
                    "/opportunities/batch?atomic=true",
                    batch(List.of(Map.of("id", a, "amount", 11), clear)))
                .status())
        .isEqualTo(200);
    assertThat(api.get("/opportunities/" + a).json().path("amount").asInt()).isEqualTo(11);
    assertThat(api.get("/opportunities/" + b).json().path("accountID").isNull()).isTrue();
  }

  @Test
  void associatesManyLeads() {
    long owner = uniqueOwner();
    long opportunity = create(api, minimal(owner));
    api.put("/opportunities/" + opportunity + "/leads/3", "");
    List<Object> items =
        List.of(
            Map.of("opportunityID", opportunity, "leadID", 1),
            Map.of("opportunityID", opportunity, "leadID", 3),
            Map.of("opportunityID", 987654321, "leadID", 2),
            Map.of("opportunityID", opportunity, "leadID", 2));
    Reply reply = api.post("/opportunityLeads/batch", batch(items));
    List<Integer> statuses = new ArrayList<>();
    reply.json().path("results").forEach(r -> statuses.add(r.path("status").asInt()));
    assertThat(statuses).containsExactly(201, 409, 400, 201);
    assertThat(reply.json().path("results").get(1).path("problem").path("existingId").asLong())
        .isPositive();

    long other = create(api, minimal(owner));
    Reply atomic =
        api.post(
            "/opportunityLeads/batch?atomic=true",
            batch(
                List.of(
                    Map.of("opportunityID", other, "leadID", 1),
                    Map.of("opportunityID", opportunity, "leadID", 1))));
    assertThat(atomic.status()).isEqualTo(409);
    assertThat(api.get("/opportunities/" + other + "/leads").json().path("items").isEmpty())
        .isTrue();
  }

  @Test
  void scopedCallersBatchOnlyTheirOwn() {
    long me = uniqueOwner();
    Api salesperson = Keys.client(api, Role.SALESPERSON, me);
    long theirs = create(api, minimal(uniqueOwner()));
    Reply created =
        salesperson.post(
            "/opportunities/batch", batch(List.of(minimal(me), minimal(uniqueOwner()))));
    List<Integer> statuses = new ArrayList<>();
    created.json().path("results").forEach(r -> statuses.add(r.path("status").asInt()));
    assertThat(statuses).containsExactly(201, 403);
    Reply patched =
        salesperson.patch(
            "/opportunities/batch", batch(List.of(Map.of("id", theirs, "amount", 1))));
    assertThat(patched.json().path("results").get(0).path("status").asInt()).isEqualTo(404);
    assertThat(
            Keys.client(api, Role.MARKETING_MANAGER, me)
                .post("/opportunities/batch", batch(List.of(minimal(me))))
                .status())
        .isEqualTo(403);
  }

  @Test
  void customFieldsAreValidatedPerItem() {
    Map<String, Object> field = new HashMap<>();
    field.put("relationship", "opportunity");
    field.put("label", "Batch seats");
    field.put("dataType", "integer");
    field.put("dataLength", 10);
    for (String flag : List.of("isRequired", "isAvailableInForms")) {
      field.put(flag, false);
    }
    for (String flag :
        List.of(
            "isCustom", "isActive", "isAvailableInContactManager", "isEditableInContactManager")) {
      field.put(flag, true);
    }
    Reply createdField = api.post("/fields", json(field));
    String seats = createdField.json().path("systemName").asString();
    try {
      long owner = uniqueOwner();
      Map<String, Object> good = minimal(owner);
      good.put(seats, 12);
      Map<String, Object> bad = minimal(owner);
      bad.put(seats, "twelve");
      Reply reply = api.post("/opportunities/batch", batch(List.of(good, bad)));
      assertThat(
              reply
                  .json()
                  .path("results")
                  .get(1)
                  .path("problem")
                  .path("errors")
                  .get(0)
                  .path("field")
                  .asString())
          .isEqualTo(seats);
      long id = reply.json().path("results").get(0).path("id").asLong();
      assertThat(api.get("/opportunities/" + id).json().path(seats).asInt()).isEqualTo(12);
    } finally {
      api.delete("/fields/" + createdField.id());
    }
  }
}
