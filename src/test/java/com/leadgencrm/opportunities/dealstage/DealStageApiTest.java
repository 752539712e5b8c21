package com.leadgencrm.opportunities.dealstage;

import static com.leadgencrm.opportunities.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Api.Reply;
import com.leadgencrm.opportunities.support.IntegrationTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class DealStageApiTest {

  @Autowired Api api;

  static String uniqueName() {
    return "Stage " + UUID.randomUUID().toString().substring(0, 8);
  }

  long create(Map<String, Object> stage) {
    Reply reply = api.post("/dealStages", json(stage));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.id();
  }

  long createNamed(String name) {
    return create(Map.of("dealStageName", name));
  }

  long stageCount() {
    return api.get("/dealStages?limit=500").json().path("items").size();
  }

  @Test
  void freshDatabaseHasDefaultPipelineInOrder() {
    JsonNode items = api.get("/dealStages?id=1,2,3,4,5,6,7").json().path("items");
    List<String> names = new ArrayList<>();
    items.forEach(item -> names.add(item.path("dealStageName").asString()));
    assertThat(names)
        .containsExactly(
            "Prospecting",
            "Qualification",
            "Needs Analysis",
            "Proposal",
            "Negotiation",
            "Closed Won",
            "Closed Lost");
    assertThat(items.get(5).path("isEditable").asBoolean()).isFalse();
    assertThat(items.get(0).path("defaultProbability").asInt()).isEqualTo(10);
  }

  @Test
  void createsStageWithLocationAndEntityTag() {
    String name = uniqueName();
    Reply created =
        api.post(
            "/dealStages",
            json(
                Map.of(
                    "dealStageName", name, "description", "Booked", "defaultProbability", 35.5)));

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("Location")).isEqualTo("/dealStages/" + created.id());
    assertThat(created.header("ETag")).matches("\"\\d+\"");
    JsonNode stage = api.get("/dealStages/" + created.id()).json();
    assertThat(stage.path("dealStageName").asString()).isEqualTo(name);
    assertThat(stage.path("defaultProbability").decimalValue()).isEqualByComparingTo("35.5");
    assertThat(stage.path("isEditable").asBoolean()).isTrue();
    assertThat(stage.path("weight").asLong()).isGreaterThanOrEqualTo(8);
    assertThat(stage.path("createTimestamp").asString()).endsWith("Z");
  }

  @Test
  void newStageGoesToTheEndOfThePipeline() {
    long first = createNamed(uniqueName());
    long second = createNamed(uniqueName());
    long firstWeight = api.get("/dealStages/" + first).json().path("weight").asLong();
    assertThat(api.get("/dealStages/" + second).json().path("weight").asLong())
        .isGreaterThan(firstWeight);
  }

  @Test
  void rejectsNameOf256Characters() {
    Reply reply = api.post("/dealStages", json(Map.of("dealStageName", "x".repeat(256))));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    assertThat(reply.errorFields()).containsExactly("dealStageName");
  }

  @Test
  void acceptsNameOf255Characters() {
    String name = UUID.randomUUID() + "x".repeat(219);
    assertThat(name).hasSize(255);
    assertThat(api.post("/dealStages", json(Map.of("dealStageName", name))).status())
        .isEqualTo(201);
  }

  @Test
  void rejectsMissingName() {
    Reply reply = api.post("/dealStages", json(Map.of("description", "no name")));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorFields()).containsExactly("dealStageName");
    assertThat(reply.json().path("errors").get(0).path("message").asString())
        .isEqualTo("is required");
  }

  @Test
  void rejectsProbabilityAbove100() {
    Reply reply =
        api.post(
            "/dealStages", json(Map.of("dealStageName", uniqueName(), "defaultProbability", 101)));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorFields()).containsExactly("defaultProbability");
  }

  @Test
  void rejectsStringWhereNumberBelongs() {
    Reply reply =
        api.post(
            "/dealStages", json(Map.of("dealStageName", uniqueName(), "defaultProbability", "50")));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorFields()).containsExactly("defaultProbability");
    assertThat(reply.json().path("errors").get(0).path("message").asString())
        .isEqualTo("must be a number");
  }

  @Test
  void rejectsUnknownProperty() {
    Reply reply =
        api.post("/dealStages", json(Map.of("dealStageName", uniqueName(), "colour", "red")));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorFields()).containsExactly("colour");
  }

  @Test
  void rejectsReadOnlyProperties() {
    Reply reply =
        api.post(
            "/dealStages",
            json(
                Map.of(
                    "dealStageName",
                    uniqueName(),
                    "id",
                    5,
                    "createTimestamp",
                    "2026-01-01T00:00:00Z")));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorFields()).containsExactly("createTimestamp", "id");
  }

  @Test
  void rejectsMalformedJson() {
    Reply reply = api.request("POST", "/dealStages").json("{\"dealStageName\": \"x\",").send();
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().path("detail").asString()).startsWith("Malformed JSON");
  }

  @Test
  void namesEveryInvalidFieldAtOnceAndWritesNothing() {
    long before = stageCount();
    Map<String, Object> stage = new HashMap<>();
    stage.put("dealStageName", "");
    stage.put("description", "d".repeat(256));
    stage.put("defaultProbability", -1);
    stage.put("weight", 1.5);
    stage.put("isEditable", "yes");
    stage.put("extra", true);
    Reply reply = api.post("/dealStages", json(stage));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorFields())
        .contains(
            "dealStageName", "description", "defaultProbability", "weight", "isEditable", "extra");
    assertThat(stageCount()).isEqualTo(before);
  }

  @Test
  void rejectsDuplicateNameInOtherLetterCase() {
    String name = uniqueName();
    createNamed(name);
    Reply reply = api.post("/dealStages", json(Map.of("dealStageName", name.toUpperCase())));
    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
  }

  @Test
  void rejectsRenameToAnotherStagesName() {
    String taken = uniqueName();
    createNamed(taken);
    long id = createNamed(uniqueName());
    assertThat(
            api.patch("/dealStages/" + id, json(Map.of("dealStageName", taken.toLowerCase())))
                .status())
        .isEqualTo(409);
  }

  @Test
  void renamingToOwnNameInOtherCaseIsAllowed() {
    String name = uniqueName();
    long id = createNamed(name);
    Reply reply = api.patch("/dealStages/" + id, json(Map.of("dealStageName", name.toUpperCase())));
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("dealStageName").asString()).isEqualTo(name.toUpperCase());
  }

  @Test
  void lockedStageCannotBeChangedOrDeleted() {
    Reply change = api.patch("/dealStages/6", json(Map.of("description", "changed")));
    assertThat(change.status()).isEqualTo(409);
    Reply delete = api.delete("/dealStages/7");
    assertThat(delete.status()).isEqualTo(409);
    assertThat(api.get("/dealStages/6").json().path("description").asString())
        .isEqualTo("The deal was won");
  }

  @Test
  void lockedStageCanOnlyBeUnlocked() {
    long id = create(Map.of("dealStageName", uniqueName(), "isEditable", false));

    Reply unlockAndRename =
        api.patch(
            "/dealStages/" + id, json(Map.of("isEditable", true, "dealStageName", uniqueName())));
    assertThat(unlockAndRename.status()).isEqualTo(409);

    Reply unlock = api.patch("/dealStages/" + id, json(Map.of("isEditable", true)));
    assertThat(unlock.status()).isEqualTo(200);
    assertThat(unlock.json().path("isEditable").asBoolean()).isTrue();

    assertThat(api.patch("/dealStages/" + id, json(Map.of("description", "now editable"))).status())
        .isEqualTo(200);
    assertThat(api.delete("/dealStages/" + id).status()).isEqualTo(204);
  }

  @Test
  void unknownStageIsNotFoundProblem() {
    Reply reply = api.get("/dealStages/999999");
    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    assertThat(reply.json().path("status").asInt()).isEqualTo(404);
    assertThat(reply.json().path("detail").asString()).contains("999999");
  }

  @Test
  void replaceResetsLeftOutOptionalProperties() {
    long id =
        create(
            Map.of("dealStageName", uniqueName(), "description", "old", "defaultProbability", 40));
    String name = uniqueName();
    Reply replaced = api.put("/dealStages/" + id, json(Map.of("dealStageName", name)));

    assertThat(replaced.status()).isEqualTo(200);
    JsonNode stage = replaced.json();
    assertThat(stage.path("dealStageName").asString()).isEqualTo(name);
    assertThat(stage.path("description").isNull()).isTrue();
    assertThat(stage.path("defaultProbability").isNull()).isTrue();
  }

  @Test
  void replaceRequiresName() {
    long id = createNamed(uniqueName());
    Reply reply = api.put("/dealStages/" + id, json(Map.of("description", "x")));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorFields()).containsExactly("dealStageName");
  }

  @Test
  void mergePatchChangesOnlyGivenPropertiesAndNullClears() {
    String name = uniqueName();
    long id = create(Map.of("dealStageName", name, "description", "old", "defaultProbability", 40));

    Map<String, Object> patch = new HashMap<>();
    patch.put("description", null);
    patch.put("defaultProbability", 45);
    Reply patched = api.patch("/dealStages/" + id, json(patch));

    assertThat(patched.status()).isEqualTo(200);
    assertThat(patched.json().path("dealStageName").asString()).isEqualTo(name);
    assertThat(patched.json().path("description").isNull()).isTrue();
    assertThat(patched.json().path("defaultProbability").asInt()).isEqualTo(45);
  }

  @Test
  void mergePatchRejectsNullForRequiredProperty() {
    long id = createNamed(uniqueName());
    Map<String, Object> patch = new HashMap<>();
    patch.put("dealStageName", null);
    Reply reply = api.patch("/dealStages/" + id, json(patch));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorFields()).containsExactly("dealStageName");
  }

  @Test
  void patchAcceptsPlainJsonContentTypeToo() {
    long id = createNamed(uniqueName());
    Reply reply = api.request("PATCH", "/dealStages/" + id).json("{\"weight\": 42}").send();
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("weight").asLong()).isEqualTo(42);
  }

  @Test
  void staleIfMatchIsPreconditionFailed() {
    long id = createNamed(uniqueName());
    String etag = api.get("/dealStages/" + id).header("ETag");
    assertThat(api.patch("/dealStages/" + id, json(Map.of("description", "first"))).status())
        .isEqualTo(200);

    Reply stale =
        api.request("PATCH", "/dealStages/" + id)
            .header("If-Match", etag)
            .body("application/merge-patch+json", json(Map.of("description", "second")))
            .send();
    assertThat(stale.status()).isEqualTo(412);
    assertThat(api.get("/dealStages/" + id).json().path("description").asString())
        .isEqualTo("first");

    String current = api.get("/dealStages/" + id).header("ETag");
    Reply fresh = api.request("DELETE", "/dealStages/" + id).header("If-Match", current).send();
    assertThat(fresh.status()).isEqualTo(204);
  }

  @Test
  void ifNoneMatchGivesNotModified() {
    long id = createNamed(uniqueName());
    String etag = api.get("/dealStages/" + id).header("ETag");
    Reply reply = api.request("GET", "/dealStages/" + id).header("If-None-Match", etag).send();
    assertThat(reply.status()).isEqualTo(304);
    assertThat(reply.body()).isEmpty();
  }

  @Test
  void deletedStageIsGone() {
    long id = createNamed(uniqueName());
    assertThat(api.delete("/dealStages/" + id).status()).isEqualTo(204);
    assertThat(api.get("/dealStages/" + id).status()).isEqualTo(404);
    assertThat(api.delete("/dealStages/" + id).status()).isEqualTo(404);
  }

  @Test
  void listsFilterSortAndPageWithCursor() {
    String prefix = "Paged " + UUID.randomUUID().toString().substring(0, 6);
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      ids.add(create(Map.of("dealStageName", prefix + " " + (char) ('g' - i), "weight", 1000 + i)));
    }
    List<String> names = new ArrayList<>();
    String url = "/dealStages?q=" + prefix.replace(" ", "%20") + "&sort=dealStageName,asc&limit=3";
    String cursor = null;
    int pages = 0;
    do {
      Reply page = api.get(url + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.status()).as(page.body()).isEqualTo(200);
      page.json().path("items").forEach(item -> names.add(item.path("dealStageName").asString()));
      cursor =
          page.json().path("nextCursor").isNull()
              ? null
              : page.json().path("nextCursor").asString();
      pages++;
    } while (cursor != null);

    assertThat(pages).isEqualTo(3);
    assertThat(names).hasSize(7).isSorted();
    assertThat(
            api.get("/dealStages?q=" + prefix.replace(" ", "%20").toUpperCase())
                .json()
                .path("items")
                .size())
        .isEqualTo(7);
  }

  @Test
  void cursorOnlyContinuesItsOwnQuery() {
    Reply first = api.get("/dealStages?limit=1");
    String cursor = first.json().path("nextCursor").asString();
    assertThat(api.get("/dealStages?limit=1&isEditable=true&cursor=" + cursor).status())
        .isEqualTo(400);
    assertThat(api.get("/dealStages?cursor=garbage").errorFields()).containsExactly("cursor");
  }

  @Test
  void rejectsUnknownQueryParametersAndBadValues() {
    Reply reply = api.get("/dealStages?colour=red&limit=501&isEditable=maybe&sort=colour");
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorFields()).contains("colour");
    assertThat(api.get("/dealStages?limit=501").errorFields()).containsExactly("limit");
    assertThat(api.get("/dealStages?limit=0").errorFields()).containsExactly("limit");
    assertThat(api.get("/dealStages?isEditable=maybe").errorFields()).containsExactly("isEditable");
    assertThat(api.get("/dealStages?sort=colour").errorFields()).containsExactly("sort");
    assertThat(api.get("/dealStages?id=1,x").errorFields()).containsExactly("id");
    assertThat(api.get("/dealStages?updateTimestampFrom=yesterday").errorFields())
        .containsExactly("updateTimestampFrom");
  }

  @Test
  void emptyListIsOkWithNoItems() {
    Reply reply = api.get("/dealStages?q=nothing-matches-" + UUID.randomUUID());
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("items").isEmpty()).isTrue();
    assertThat(reply.json().path("nextCursor").isNull()).isTrue();
  }

  @Test
  void filtersByUpdateTimestampForIncrementalSync() {
    long id = createNamed(uniqueName());
    String updated = api.get("/dealStages/" + id).json().path("updateTimestamp").asString();
    JsonNode items = api.get("/dealStages?updateTimestampFrom=" + updated).json().path("items");
    List<Long> ids = new ArrayList<>();
    items.forEach(item -> ids.add(item.path("id").asLong()));
    assertThat(ids).contains(id).doesNotContain(1L);
  }
}
