package com.leadgencrm.opportunities.opportunity;

import static com.leadgencrm.opportunities.opportunity.Opportunities.create;
import static com.leadgencrm.opportunities.opportunity.Opportunities.minimal;
import static com.leadgencrm.opportunities.opportunity.Opportunities.uniqueOwner;
import static com.leadgencrm.opportunities.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.leadgencrm.opportunities.query.PageBytes;
import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Api.Reply;
import com.leadgencrm.opportunities.support.CustomFields;
import com.leadgencrm.opportunities.support.HeldLocks;
import com.leadgencrm.opportunities.support.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Custom opportunity fields are real properties of opportunities. */
@IntegrationTest
class CustomFieldsTest {

  @Autowired Api api;

  final List<Long> fields = new ArrayList<>();

  /** Other tests share the database: no field of this test outlives it. */
  @AfterEach
  void deleteFields() {
    fields.forEach(id -> api.delete("/fields/" + id));
  }

  /** Creates a custom opportunity field and returns its systemName. */
  String field(String dataType, int dataLength, boolean required) {
    Map<String, Object> field =
        CustomFields.body(dataType, "Test " + dataType, dataType, dataLength);
    field.put("isRequired", required);
    Reply created = CustomFields.create(api, field);
    fields.add(created.id());
    return created.json().path("systemName").asString();
  }

  long fieldId(String systemName) {
    return api.get("/fields?systemName=" + systemName)
        .json()
        .path("items")
        .get(0)
        .path("id")
        .asLong();
  }

  @Test
  void customFieldsAreWrittenReadAndValidatedLikeStandardOnes() {
    String text = field("text", 20, false);
    String count = field("integer", 18, true);
    String date = field("date", 10, false);

    Map<String, Object> opportunity = minimal(uniqueOwner());
    opportunity.put(text, "x".repeat(20));
    opportunity.put(count, 42);
    opportunity.put(date, "2027-03-15");
    Reply created = api.post("/opportunities", json(opportunity));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode read = api.get("/opportunities/" + created.id()).json();
    assertThat(read.path(text).asString()).isEqualTo("x".repeat(20));
    assertThat(read.path(count).asLong()).isEqualTo(42);
    assertThat(read.path(date).asString()).isEqualTo("2027-03-15");

    opportunity.put(text, "x".repeat(21));
    opportunity.put(count, 4.5);
    opportunity.put(date, "2027-02-30");
    Reply invalid = api.post("/opportunities", json(opportunity));
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.errorFields()).containsExactlyInAnyOrder(text, count, date);

    opportunity.remove(count);
    opportunity.put(text, "ok");
    opportunity.put(date, "2027-02-28");
    Reply missing = api.post("/opportunities", json(opportunity));
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.errorFields()).containsExactly(count);
    assertThat(missing.json().path("errors").get(0).path("message").asString())
        .isEqualTo("is required");
  }

  @Test
  void unsetFieldsReadAsNullAndUnknownKeysAreStillRejected() {
    String text = field("text", 10, false);
    long id = create(api, minimal(uniqueOwner()));
    JsonNode read = api.get("/opportunities/" + id).json();
    assertThat(read.has(text)).isTrue();
    assertThat(read.path(text).isNull()).isTrue();

    Reply unknown = api.patch("/opportunities/" + id, json(Map.of("no_such_field_x", 1)));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.errorFields()).containsExactly("no_such_field_x");
  }

  @Test
  void everyDataTypeValidatesItsValues() {
    Map<String, Object[]> cases = new HashMap<>();
    cases.put(field("textarea", 5, false), new Object[] {"abcde", "abcdef"});
    cases.put(field("number", 18, false), new Object[] {12.75, "12.75"});
    cases.put(field("boolean", 1, false), new Object[] {true, "true"});
    cases.put(
        field("datetime", 30, false),
        new Object[] {"2027-01-01T10:00:00+01:00", "2027-01-01 10:00"});
    cases.put(field("email", 60, false), new Object[] {"ann@example.com", "ann at example"});
    cases.put(
        field("url", 100, false), new Object[] {"https://example.com/x", "ftp://example.com"});
    cases.put(field("phone", 30, false), new Object[] {"+1 (555) 010-9999 x12", "call me"});

    Map<String, Object> valid = minimal(uniqueOwner());
    Map<String, Object> invalid = minimal(uniqueOwner());
    cases.forEach(
        (name, values) -> {
          valid.put(name, values[0]);
          invalid.put(name, values[1]);
        });
    Reply created = api.post("/opportunities", json(valid));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    Reply rejected = api.post("/opportunities", json(invalid));
    assertThat(rejected.errorFields()).containsExactlyInAnyOrderElementsOf(cases.keySet());

    JsonNode read = created.json();
    cases.keySet().stream()
        .filter(name -> name.startsWith("datetime"))
        .forEach(name -> assertThat(read.path(name).asString()).isEqualTo("2027-01-01T09:00:00Z"));
    cases.keySet().stream()
        .filter(name -> name.startsWith("number"))
        .forEach(name -> assertThat(read.path(name).decimalValue()).isEqualByComparingTo("12.75"));
  }

  @Test
  void inactiveFieldDisappearsAndComesBackWithItsValue() {
    String region = field("text", 20, false);
    Map<String, Object> opportunity = minimal(uniqueOwner());
    opportunity.put(region, "EMEA");
    long id = create(api, opportunity);
    long field = fieldId(region);

    assertThat(api.patch("/fields/" + field, json(Map.of("isActive", false))).status())
        .isEqualTo(200);
    assertThat(api.get("/opportunities/" + id).json().has(region)).isFalse();
    Reply rejected = api.patch("/opportunities/" + id, json(Map.of(region, "APAC")));
    assertThat(rejected.status()).isEqualTo(400);
    assertThat(rejected.errorFields()).containsExactly(region);
    Map<String, Object> replacement = minimal(uniqueOwner());
    assertThat(api.put("/opportunities/" + id, json(replacement)).status()).isEqualTo(200);
    assertThat(api.get("/opportunities?" + region + "=EMEA").status()).isEqualTo(400);

    assertThat(api.patch("/fields/" + field, json(Map.of("isActive", true))).status())
        .isEqualTo(200);
    assertThat(api.get("/opportunities/" + id).json().path(region).asString()).isEqualTo("EMEA");
  }

  @Test
  void replaceClearsActiveValuesLeftOutAndPatchKeepsThem() {
    String a = field("text", 20, false);
    String b = field("integer", 18, false);
    long owner = uniqueOwner();
    Map<String, Object> opportunity = minimal(owner);
    opportunity.put(a, "one");
    opportunity.put(b, 1);
    long id = create(api, opportunity);

    JsonNode patched = api.patch("/opportunities/" + id, json(Map.of(b, 2))).json();
    assertThat(patched.path(a).asString()).isEqualTo("one");
    assertThat(patched.path(b).asLong()).isEqualTo(2);

    Map<String, Object> clear = new HashMap<>();
    clear.put(a, null);
    assertThat(api.patch("/opportunities/" + id, json(clear)).json().path(a).isNull()).isTrue();

    Map<String, Object> replacement = minimal(owner);
    replacement.put(a, "two");
    JsonNode replaced = api.put("/opportunities/" + id, json(replacement)).json();
    assertThat(replaced.path(a).asString()).isEqualTo("two");
    assertThat(replaced.path(b).isNull()).isTrue();
  }

  @Test
  void filtersByCustomValuesWithEqualityAndRanges() {
    String tier = field("text", 10, false);
    String seats = field("integer", 18, false);
    String renewal = field("date", 10, false);
    String signed = field("datetime", 30, false);
    long owner = uniqueOwner();
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      Map<String, Object> opportunity = minimal(owner);
      opportunity.put(tier, i % 3 == 0 ? "gold" : "silver");
      opportunity.put(seats, i * 10);
      opportunity.put(renewal, "2027-01-" + String.format("%02d", i + 1));
      opportunity.put(signed, "2026-06-01T0" + (i % 10) + ":00:00Z");
      ids.add(create(api, opportunity));
    }
    create(api, minimal(owner));

    assertThat(idsOf("ownerID=" + owner + "&" + tier + "=gold"))
        .containsExactly(ids.get(0), ids.get(3), ids.get(6), ids.get(9));
    assertThat(idsOf("ownerID=" + owner + "&" + seats + "=50")).containsExactly(ids.get(5));
    assertThat(idsOf("ownerID=" + owner + "&" + seats + "From=30&" + seats + "To=60"))
        .containsExactlyElementsOf(ids.subList(3, 7));
    assertThat(idsOf("ownerID=" + owner + "&" + renewal + "From=2027-01-11"))
        .containsExactly(ids.get(10), ids.get(11));
    assertThat(idsOf("ownerID=" + owner + "&" + signed + "To=2026-06-01T01:30:00Z"))
        .containsExactly(ids.get(0), ids.get(1), ids.get(10), ids.get(11));
    assertThat(idsOf("ownerID=" + owner + "&" + signed + "=2026-06-01T02:00:00Z"))
        .containsExactly(ids.get(2));
    assertThat(api.get("/opportunities?" + seats + "=many").errorFields()).containsExactly(seats);
    assertThat(api.get("/opportunities?" + tier + "From=a").errorFields())
        .containsExactly(tier + "From");
  }

  List<Long> idsOf(String query) {
    Reply reply = api.get("/opportunities?limit=500&" + query);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    List<Long> ids = new ArrayList<>();
    reply.json().path("items").forEach(item -> ids.add(item.path("id").asLong()));
    return ids;
  }

  @Test
  void aPageOfOpportunitiesWithLargeValuesEndsEarlyAndItsCursorGoesOn() {
    // 500 opportunities with a 64 KiB text value each are 33 MB of JSON: a few such pages at once
    // ran a 256 MiB heap out. A page holds at most 4 MiB of custom values (always one opportunity)
    String notes = field("textarea", 65535, false);
    long campaign = java.util.concurrent.ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      Map<String, Object> opportunity = minimal(uniqueOwner());
      opportunity.put("campaignID", campaign);
      opportunity.put(notes, i + "x".repeat(65_000));
      ids.add(create(api, opportunity));
    }
    String list = "/opportunities?campaignID=" + campaign + "&limit=500";
    List<Long> seen = new ArrayList<>();
    int pages = 0;
    Reply page = api.get(list);
    while (true) {
      pages++;
      JsonNode items = page.json().path("items");
      assertThat(items.size()).isPositive();
      assertThat((long) page.body().length()).isLessThan(PageBytes.LIMIT + 200_000);
      items.forEach(item -> seen.add(item.path("id").asLong()));
      if (page.json().path("nextCursor").isNull()) {
        break;
      }
      page = api.get(list + "&cursor=" + page.json().path("nextCursor").asString());
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(ids).doesNotHaveDuplicates();
    assertThat(pages).isBetween(2, 3);
  }

  @Test
  void deletingTheFieldRemovesItsValuesAndNothingElse() {
    String notes = field("text", 50, false);
    Map<String, Object> opportunity = minimal(uniqueOwner());
    opportunity.put(notes, "keep me?");
    long id = create(api, opportunity);
    ObjectNode before = (ObjectNode) api.get("/opportunities/" + id).json();

    long field = fieldId(notes);
    assertThat(api.delete("/fields/" + field).status()).isEqualTo(204);
    fields.remove(field);

    JsonNode after = api.get("/opportunities/" + id).json();
    assertThat(after.has(notes)).isFalse();
    before.remove(notes);
    assertThat(after).isEqualTo(before);

    String again = field("text", 50, false);
    assertThat(api.get("/opportunities/" + id).json().path(again).isNull()).isTrue();
  }

  @Test
  void changingTheTypeConvertsValuesOrRefuses() {
    String code = field("text", 20, false);
    Map<String, Object> numeric = minimal(uniqueOwner());
    numeric.put(code, "123");
    long id = create(api, numeric);
    long field = fieldId(code);

    Reply converted = api.patch("/fields/" + field, json(Map.of("dataType", "integer")));
    assertThat(converted.status()).as(converted.body()).isEqualTo(200);
    assertThat(api.get("/opportunities/" + id).json().path(code).isIntegralNumber()).isTrue();
    assertThat(api.get("/opportunities?" + code + "From=100").status()).isEqualTo(200);

    assertThat(
            api.patch("/fields/" + field, json(Map.of("dataType", "text", "dataLength", 10)))
                .status())
        .isEqualTo(200);
    assertThat(api.get("/opportunities/" + id).json().path(code).asString()).isEqualTo("123");
    Map<String, Object> word = minimal(uniqueOwner());
    word.put(code, "abc");
    long wordId = create(api, word);

    Reply refused = api.patch("/fields/" + field, json(Map.of("dataType", "integer")));
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().path("valueCount").asLong()).isEqualTo(1);
    assertThat(refused.json().path("objectIds").get(0).asLong()).isEqualTo(wordId);
    assertThat(api.get("/fields/" + field).json().path("dataType").asString()).isEqualTo("text");

    assertThat(api.patch("/fields/" + field, json(Map.of("dataLength", 2))).status())
        .isEqualTo(409);
  }

  /**
   * A field change in flight holds the opportunity table, as one that converts or removes stored
   * values does: a create that comes meanwhile waits for it, then is checked against the
   * definitions it committed, not those of before.
   */
  @Test
  void aCreateDuringAFieldChangeIsCheckedAgainstWhatTheChangeCommitted() throws Exception {
    String later = field("text", 20, false);
    long owner = uniqueOwner();
    CompletableFuture<Reply> created;
    try (HeldLocks change =
        HeldLocks.take(
            "lock table crm.opportunity in access exclusive mode",
            "update crm.field set is_required = true where system_name = '" + later + "'")) {
      created =
          CompletableFuture.supplyAsync(() -> api.post("/opportunities", json(minimal(owner))));
      await().atMost(Duration.ofSeconds(10)).until(() -> change.waiting() > 0);
      assertThat(created).isNotDone();
      change.commit();
    }
    assertThat(created.get(10, TimeUnit.SECONDS).errorFields()).containsExactly(later);
  }

  @Test
  void requiredTurnedOnIsEnforcedFromThenOn() {
    String later = field("text", 20, false);
    long owner = uniqueOwner();
    long id = create(api, minimal(owner));
    long field = fieldId(later);

    assertThat(api.patch("/fields/" + field, json(Map.of("isRequired", true))).status())
        .isEqualTo(200);

    assertThat(api.patch("/opportunities/" + id, json(Map.of("amount", 10))).status())
        .isEqualTo(200);
    assertThat(api.put("/opportunities/" + id, json(minimal(owner))).errorFields())
        .containsExactly(later);
    assertThat(api.post("/opportunities", json(minimal(owner))).errorFields())
        .containsExactly(later);
    Map<String, Object> clear = new HashMap<>();
    clear.put(later, null);
    assertThat(api.patch("/opportunities/" + id, json(clear)).errorFields()).containsExactly(later);
  }

  @Test
  void openApiDocumentTellsHowToDiscoverCustomProperties() {
    JsonNode schemas = api.get("/v3/api-docs").json().path("components").path("schemas");
    assertThat(schemas.path("Opportunity").path("description").asString())
        .contains("custom opportunity field");
    assertThat(schemas.path("OpportunityInput").path("description").asString())
        .contains("/fields?relationship=opportunity&isCustom=true");
    assertThat(schemas.path("Opportunity").path("properties").has("custom")).isFalse();
  }
}
