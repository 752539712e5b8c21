package com.leadgencrm.opportunities.opportunity;

import static com.leadgencrm.opportunities.opportunity.Opportunities.create;
import static com.leadgencrm.opportunities.opportunity.Opportunities.minimal;
import static com.leadgencrm.opportunities.opportunity.Opportunities.uniqueOwner;
import static com.leadgencrm.opportunities.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Api.Reply;
import com.leadgencrm.opportunities.support.IntegrationTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class OpportunityApiTest {

  @Autowired Api api;

  int countOf(long owner) {
    return api.get("/opportunities?ownerID=" + owner).json().path("items").size();
  }

  @Test
  void createsWithDefaultsLocationAndEntityTag() {
    long owner = uniqueOwner();
    Reply created = api.post("/opportunities", json(minimal(owner)));

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("Location")).isEqualTo("/opportunities/" + created.id());
    assertThat(created.header("ETag")).isNotBlank();
    JsonNode opportunity = api.get("/opportunities/" + created.id()).json();
    assertThat(opportunity.path("ownerID").asLong()).isEqualTo(owner);
    assertThat(opportunity.path("isClosed").asBoolean()).isFalse();
    assertThat(opportunity.path("isWon").asBoolean()).isFalse();
    assertThat(opportunity.path("isActive").asBoolean()).isTrue();
    assertThat(opportunity.path("closeDate").asString()).isEqualTo("2026-12-31T00:00:00Z");
    assertThat(opportunity.path("accountID").isNull()).isTrue();
    assertThat(opportunity.path("amount").isNull()).isTrue();
    assertThat(opportunity.path("createTimestamp").asString()).endsWith("Z");
    assertThat(created.json()).isEqualTo(opportunity);
  }

  @Test
  void probabilityDefaultsToTheStagesDefault() {
    Map<String, Object> opportunity = minimal(uniqueOwner());
    opportunity.put("dealStageID", 4);
    Reply created = api.post("/opportunities", json(opportunity));
    assertThat(created.json().path("probability").asInt()).isEqualTo(60);
  }

  @Test
  void movingStageKeepsAnExplicitProbabilityAndMovesADefaultOne() {
    Map<String, Object> explicit = minimal(uniqueOwner());
    explicit.put("probability", 33);
    long explicitId = create(api, explicit);
    long defaultId = create(api, minimal(uniqueOwner()));

    JsonNode moved =
        api.patch("/opportunities/" + explicitId, json(Map.of("dealStageID", 5))).json();
    assertThat(moved.path("dealStageID").asLong()).isEqualTo(5);
    assertThat(moved.path("probability").asInt()).isEqualTo(33);

    JsonNode followed =
        api.patch("/opportunities/" + defaultId, json(Map.of("dealStageID", 5))).json();
    assertThat(followed.path("probability").asInt()).isEqualTo(80);
  }

  @Test
  void closeDateWithOffsetIsReturnedInUtc() {
    Map<String, Object> opportunity = minimal(uniqueOwner());
    opportunity.put("closeDate", "2026-12-31T17:30:00+02:00");
    assertThat(api.post("/opportunities", json(opportunity)).json().path("closeDate").asString())
        .isEqualTo("2026-12-31T15:30:00Z");
  }

  @Test
  void amountIsExact() {
    Map<String, Object> opportunity = minimal(uniqueOwner());
    opportunity.put("amount", new java.math.BigDecimal("9999999999999999.99"));
    long id = create(api, opportunity);
    assertThat(api.get("/opportunities/" + id).body()).contains("\"amount\":9999999999999999.99");
  }

  @Test
  void everyMissingRequiredPropertyIsNamedAndNothingIsWritten() {
    long owner = uniqueOwner();
    Reply reply = api.post("/opportunities", json(Map.of("accountID", 5)));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorFields())
        .containsExactly("closeDate", "dealStageID", "opportunityName", "ownerID");
    assertThat(countOf(owner)).isZero();
  }

  @Test
  void everyInvalidValueIsNamedAtOnce() {
    long owner = uniqueOwner();
    Map<String, Object> opportunity = new HashMap<>();
    opportunity.put("ownerID", owner);
    opportunity.put("dealStageID", "2");
    opportunity.put("accountID", 0);
    opportunity.put("campaignID", 1_000_000_000_000_000_000L);
    opportunity.put("opportunityName", "x".repeat(256));
    opportunity.put("probability", 100.5);
    opportunity.put("amount", -1);
    opportunity.put("isClosed", "false");
    opportunity.put("isActive", 1);
    opportunity.put("closeDate", "31/12/2026");
    opportunity.put("originatingLeadID", 1.5);
    opportunity.put("primaryLeadID", "lead");
    Reply reply = api.post("/opportunities", json(opportunity));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorFields())
        .containsExactly(
            "accountID",
            "amount",
            "campaignID",
            "closeDate",
            "dealStageID",
            "isActive",
            "isClosed",
            "opportunityName",
            "originatingLeadID",
            "primaryLeadID",
            "probability");
    assertThat(countOf(owner)).isZero();
  }

  @Test
  void amountTakesAtMostTwoFractionDigits() {
    Map<String, Object> opportunity = minimal(uniqueOwner());
    opportunity.put("amount", new java.math.BigDecimal("10.125"));
    Reply reply = api.post("/opportunities", json(opportunity));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorFields()).containsExactly("amount");
  }

  @Test
  void unknownDealStageIsNamed() {
    Map<String, Object> opportunity = minimal(uniqueOwner());
    opportunity.put("dealStageID", 987654321);
    Reply reply = api.post("/opportunities", json(opportunity));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorFields()).containsExactly("dealStageID");
    assertThat(reply.json().path("errors").get(0).path("message").asString())
        .contains("does not exist");
  }

  @Test
  void wonButNotClosedIsContradictory() {
    long owner = uniqueOwner();
    Map<String, Object> opportunity = minimal(owner);
    opportunity.put("isWon", true);
    opportunity.put("isClosed", false);
    Reply reply = api.post("/opportunities", json(opportunity));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorFields()).containsExactly("isWon");
    assertThat(countOf(owner)).isZero();
  }

  @Test
  void winningClosesAndReopeningUnwins() {
    Map<String, Object> opportunity = minimal(uniqueOwner());
    opportunity.put("isWon", true);
    JsonNode won = api.post("/opportunities", json(opportunity)).json();
    assertThat(won.path("isClosed").asBoolean()).isTrue();

    JsonNode reopened =
        api.patch("/opportunities/" + won.path("id").asLong(), json(Map.of("isClosed", false)))
            .json();
    assertThat(reopened.path("isClosed").asBoolean()).isFalse();
    assertThat(reopened.path("isWon").asBoolean()).isFalse();

    JsonNode rewon =
        api.patch("/opportunities/" + won.path("id").asLong(), json(Map.of("isWon", true))).json();
    assertThat(rewon.path("isClosed").asBoolean()).isTrue();
    assertThat(rewon.path("isWon").asBoolean()).isTrue();
  }

  @Test
  void mergePatchNullClearsOptionalAndIsRejectedForRequired() {
    Map<String, Object> opportunity = minimal(uniqueOwner());
    opportunity.put("accountID", 77);
    long id = create(api, opportunity);

    Map<String, Object> clear = new HashMap<>();
    clear.put("accountID", null);
    Reply cleared = api.patch("/opportunities/" + id, json(clear));
    assertThat(cleared.status()).isEqualTo(200);
    assertThat(cleared.json().path("accountID").isNull()).isTrue();

    Map<String, Object> required = new HashMap<>();
    required.put("ownerID", null);
    required.put("closeDate", null);
    Reply rejected = api.patch("/opportunities/" + id, json(required));
    assertThat(rejected.status()).isEqualTo(400);
    assertThat(rejected.errorFields()).containsExactly("closeDate", "ownerID");
  }

  @Test
  void replaceResetsOptionalProperties() {
    long owner = uniqueOwner();
    Map<String, Object> opportunity = minimal(owner);
    opportunity.put("amount", 100);
    opportunity.put("isActive", false);
    long id = create(api, opportunity);

    Reply replaced = api.put("/opportunities/" + id, json(minimal(owner)));
    assertThat(replaced.status()).isEqualTo(200);
    assertThat(replaced.json().path("amount").isNull()).isTrue();
    assertThat(replaced.json().path("isActive").asBoolean()).isTrue();
    assertThat(api.put("/opportunities/" + id, json(Map.of("ownerID", owner))).errorFields())
        .containsExactly("closeDate", "dealStageID", "opportunityName");
  }

  @Test
  void replaceWithTheSameContentChangesNothing() {
    long owner = uniqueOwner();
    long id = create(api, minimal(owner));
    Reply before = api.get("/opportunities/" + id);
    Reply again = api.put("/opportunities/" + id, json(minimal(owner)));
    assertThat(again.header("ETag")).isEqualTo(before.header("ETag"));
    assertThat(again.json().path("updateTimestamp"))
        .isEqualTo(before.json().path("updateTimestamp"));
  }

  @Test
  void deletingRemovesTheOpportunityAndItsAssociations() {
    Map<String, Object> opportunity = minimal(uniqueOwner());
    opportunity.put("primaryLeadID", 4242);
    long id = create(api, opportunity);
    assertThat(api.put("/opportunities/" + id + "/leads/4343", "").status()).isEqualTo(201);
    assertThat(api.get("/opportunityLeads?opportunityID=" + id).json().path("items").size())
        .isEqualTo(2);

    assertThat(api.delete("/opportunities/" + id).status()).isEqualTo(204);
    assertThat(api.get("/opportunities/" + id).status()).isEqualTo(404);
    assertThat(api.get("/opportunityLeads?opportunityID=" + id).json().path("items").isEmpty())
        .isTrue();
  }

  @Test
  void conditionalRequests() {
    long id = create(api, minimal(uniqueOwner()));
    String etag = api.get("/opportunities/" + id).header("ETag");
    assertThat(
            api.request("GET", "/opportunities/" + id)
                .header("If-None-Match", etag)
                .send()
                .status())
        .isEqualTo(304);
    assertThat(api.patch("/opportunities/" + id, json(Map.of("amount", 5))).status())
        .isEqualTo(200);
    Reply stale =
        api.request("PUT", "/opportunities/" + id)
            .header("If-Match", etag)
            .json(json(minimal(uniqueOwner())))
            .send();
    assertThat(stale.status()).isEqualTo(412);
    assertThat(
            api.request("DELETE", "/opportunities/" + id).header("If-Match", etag).send().status())
        .isEqualTo(412);
    assertThat(api.get("/opportunities/" + id).json().path("amount").asInt()).isEqualTo(5);
  }

  @Test
  void unknownOpportunityIsNotFound() {
    assertThat(api.get("/opportunities/999999999").status()).isEqualTo(404);
    assertThat(api.patch("/opportunities/999999999", "{}").status()).isEqualTo(404);
    assertThat(api.delete("/opportunities/999999999").status()).isEqualTo(404);
    assertThat(api.get("/opportunities/999999999/leads").status()).isEqualTo(404);
  }
}
