package com.leadgencrm.opportunities.field;

import static com.leadgencrm.opportunities.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Api.Reply;
import com.leadgencrm.opportunities.support.CustomFields;
import com.leadgencrm.opportunities.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class FieldApiTest {

  @Autowired Api api;

  static String unique(String prefix) {
    return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void standardOpportunityFieldsAreSystemFields() {
    JsonNode items =
        api.get("/fields?relationship=opportunity&isCustom=false&limit=500").json().path("items");
    List<String> names = new ArrayList<>();
    items.forEach(item -> names.add(item.path("systemName").asString()));
    assertThat(names)
        .containsExactly(
            "id",
            "ownerID",
            "dealStageID",
            "accountID",
            "campaignID",
            "opportunityName",
            "probability",
            "amount",
            "isClosed",
            "isWon",
            "isActive",
            "closeDate",
            "originatingLeadID",
            "primaryLeadID");
    JsonNode owner = items.get(1);
    assertThat(owner.path("isRequired").asBoolean()).isTrue();
    assertThat(owner.path("isCustom").asBoolean()).isFalse();
    assertThat(owner.path("dataType").asString()).isEqualTo("integer");
  }

  @Test
  void createsCustomFieldWithGeneratedSystemName() {
    Reply created = api.post("/fields", json(CustomFields.definition("Contract Type", "text", 40)));

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.header("Location")).isEqualTo("/fields/" + created.id());
    assertThat(created.json().path("systemName").asString()).matches("contract_type_[0-9a-f]{13}");
    assertThat(created.json().path("isCustom").asBoolean()).isTrue();
  }

  @Test
  void generatedSystemNameIsAValidKeyWhateverTheLabel() {
    Reply created =
        api.post("/fields", json(CustomFields.definition("42 Größe / Ärger!", "text", 10)));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().path("systemName").asString())
        .matches("field_42_grosse_arger_[0-9a-f]{13}");
  }

  @Test
  void keepsGivenSystemNameAndRejectsItsDuplicateInAnyCase() {
    String name = "region_" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> field = CustomFields.definition("Region", "text", 20);
    field.put("systemName", name);
    Reply created = api.post("/fields", json(field));
    assertThat(created.json().path("systemName").asString()).isEqualTo(name);

    field.put("systemName", name.toUpperCase());
    assertThat(api.post("/fields", json(field)).status()).isEqualTo(409);
  }

  @Test
  void systemNameOfAStandardFieldOrQueryParameterIsNotAvailable() {
    Map<String, Object> field = CustomFields.definition("Owner", "integer", 18);
    field.put("systemName", "ownerID");
    assertThat(api.post("/fields", json(field)).status()).isEqualTo(409);

    field.put("systemName", "closeDateFrom");
    Reply reserved = api.post("/fields", json(field));
    assertThat(reserved.status()).isEqualTo(400);
    assertThat(reserved.errorFields()).containsExactly("systemName");
  }

  @Test
  void createWithoutRequiredBooleansListsEachOne() {
    Reply reply =
        api.post(
            "/fields",
            json(
                Map.of(
                    "relationship",
                    "opportunity",
                    "label",
                    "No flags",
                    "dataType",
                    "text",
                    "dataLength",
                    10)));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorFields())
        .containsExactly(
            "isActive",
            "isAvailableInContactManager",
            "isAvailableInForms",
            "isCustom",
            "isEditableInContactManager",
            "isRequired");
  }

  @Test
  void createWithNothingListsEveryRequiredProperty() {
    Reply reply = api.post("/fields", "{}");
    assertThat(reply.errorFields())
        .containsExactly(
            "dataLength",
            "dataType",
            "isActive",
            "isAvailableInContactManager",
            "isAvailableInForms",
            "isCustom",
            "isEditableInContactManager",
            "isRequired",
            "label",
            "relationship");
  }

  @Test
  void rejectsInvalidDefinitions() {
    Map<String, Object> field = CustomFields.definition("x".repeat(256), "colour", -1);
    field.put("relationship", "account");
    field.put("isCustom", false);
    field.put("systemName", "9lives");
    Reply reply = api.post("/fields", json(field));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorFields())
        .contains("label", "dataType", "dataLength", "relationship", "isCustom", "systemName");
  }

  @Test
  void textFieldNeedsPositiveLength() {
    Reply reply =
        api.post("/fields", json(CustomFields.definition(unique("Notes"), "textarea", 0)));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorFields()).containsExactly("dataLength");
    assertThat(
            api.post("/fields", json(CustomFields.definition(unique("Flag"), "boolean", 0)))
                .status())
        .isEqualTo(201);
  }

  @Test
  void systemFieldsCannotBeChangedOrDeleted() {
    Reply put = api.put("/fields/2", json(CustomFields.definition("Owner", "integer", 18)));
    assertThat(put.status()).isEqualTo(409);
    assertThat(api.patch("/fields/6", json(Map.of("label", "Name"))).status()).isEqualTo(409);
    assertThat(api.delete("/fields/12").status()).isEqualTo(409);
    assertThat(api.get("/fields/6").json().path("label").asString()).isEqualTo("Opportunity Name");
  }

  @Test
  void customFieldChangesButSystemNameAndRelationshipStay() {
    Reply created =
        api.post("/fields", json(CustomFields.definition(unique("Budget"), "number", 18)));
    long id = created.id();
    String systemName = created.json().path("systemName").asString();

    Reply patched =
        api.patch("/fields/" + id, json(Map.of("label", "Budget (EUR)", "isRequired", true)));
    assertThat(patched.status()).isEqualTo(200);
    assertThat(patched.json().path("label").asString()).isEqualTo("Budget (EUR)");
    assertThat(patched.json().path("systemName").asString()).isEqualTo(systemName);

    Reply rename =
        api.patch("/fields/" + id, json(Map.of("systemName", "budget2", "relationship", "lead")));
    assertThat(rename.status()).isEqualTo(400);
    assertThat(rename.errorFields()).containsExactly("relationship", "systemName");

    Map<String, Object> replacement = CustomFields.definition("Budget", "number", 18);
    replacement.put("systemName", systemName);
    assertThat(api.put("/fields/" + id, json(replacement)).status()).isEqualTo(200);
  }

  @Test
  void deletesCustomField() {
    long id = api.post("/fields", json(CustomFields.definition(unique("Temp"), "text", 5))).id();
    assertThat(api.delete("/fields/" + id).status()).isEqualTo(204);
    assertThat(api.get("/fields/" + id).status()).isEqualTo(404);
  }

  @Test
  void listsFilterAndPage() {
    String label = unique("Listed");
    for (int i = 0; i < 5; i++) {
      assertThat(
              api.post("/fields", json(CustomFields.definition(label + " " + i, "text", 10)))
                  .status())
          .isEqualTo(201);
    }
    List<String> labels = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page =
          api.get(
                  "/fields?isCustom=true&sort=label,desc&limit=2&q="
                      + label.replace(" ", "%20")
                      + (cursor == null ? "" : "&cursor=" + cursor))
              .json();
      page.path("items").forEach(item -> labels.add(item.path("label").asString()));
      cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asString();
    } while (cursor != null);
    assertThat(labels)
        .containsExactly(label + " 4", label + " 3", label + " 2", label + " 1", label + " 0");
  }

  @Test
  void unknownFieldIsNotFound() {
    assertThat(api.get("/fields/424242424").status()).isEqualTo(404);
    assertThat(api.patch("/fields/424242424", "{}").status()).isEqualTo(404);
  }

  @Test
  void fieldsCreatedAndDeletedAtOnceAreEachOneChangeWithoutDeadlocks() throws Exception {
    // A creation indexing the opportunity table while a deletion held it, each waiting for the
    // other (the catalog's row, the table): PostgreSQL broke the deadlock and the service answered
    // 503 "retry shortly", to the writers of opportunities waiting behind them too.
    List<Long> doomed = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      doomed.add(
          api.post("/fields", json(CustomFields.definition(unique("Old"), "integer", 18))).id());
    }
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<List<Integer>>> work = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        boolean creates = t % 2 == 0;
        List<Long> mine = doomed.subList(t / 2 * 6, t / 2 * 6 + 6);
        work.add(
            pool.submit(
                () -> {
                  List<Integer> statuses = new ArrayList<>();
                  for (long id : mine) {
                    statuses.add(
                        creates
                            ? api.post(
                                    "/fields",
                                    json(CustomFields.definition(unique("New"), "number", 18)))
                                .status()
                            : api.delete("/fields/" + id).status());
                  }
                  return statuses;
                }));
      }
      for (int t = 0; t < 4; t++) {
        assertThat(work.get(t).get()).containsOnly(t % 2 == 0 ? 201 : 204);
      }
    } finally {
      pool.shutdownNow();
    }
    for (long id : doomed) {
      assertThat(api.get("/fields/" + id).status()).isEqualTo(404);
    }
  }
}
