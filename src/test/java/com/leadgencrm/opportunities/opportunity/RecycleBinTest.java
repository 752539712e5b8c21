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
import com.leadgencrm.opportunities.support.WireClient;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Deletes go to the recycle bin; restore brings them back whole; purge ends them (SPEC §2). */
@IntegrationTest
class RecycleBinTest {

  @Autowired Api api;
  @Autowired JdbcClient jdbc;
  @Autowired RecycleBinPurge scheduledPurge;

  long withLeads(long owner) {
    var opportunity = minimal(owner);
    opportunity.put("primaryLeadID", 7001);
    opportunity.put("amount", new BigDecimal("1234.50"));
    opportunity.put("probability", 35);
    long id = create(api, opportunity);
    assertThat(api.put("/opportunities/" + id + "/leads/7002", "").status()).isIn(200, 201);
    return id;
  }

  List<Long> associations(long opportunity) {
    List<Long> ids = new ArrayList<>();
    api.get("/opportunityLeads?opportunityID=" + opportunity)
        .json()
        .path("items")
        .forEach(item -> ids.add(item.path("id").asLong()));
    return ids;
  }

  @Test
  void deleteMovesToTheBinAndRestoreBringsBackTheSameOpportunityAndAssociations() {
    long owner = uniqueOwner();
    long id = withLeads(owner);
    Reply before = api.get("/opportunities/" + id);
    List<Long> leads = associations(id);
    assertThat(leads).hasSize(2);

    assertThat(api.delete("/opportunities/" + id).status()).isEqualTo(204);
    assertThat(api.get("/opportunities/" + id).status()).isEqualTo(404);
    assertThat(api.patch("/opportunities/" + id, "{\"amount\": 1}").status()).isEqualTo(404);
    assertThat(api.delete("/opportunities/" + id).status()).isEqualTo(404);
    assertThat(api.get("/opportunities?ownerID=" + owner).json().path("items").size()).isZero();
    assertThat(associations(id)).isEmpty();
    assertThat(api.get("/opportunityLeads/" + leads.get(0)).status()).isEqualTo(404);
    JsonNode wire =
        WireClient.of(api, Api.ADMIN_TOKEN)
            .call("{\"method\":\"getOpportunity\",\"params\":{\"id\":%d},\"id\":1}".formatted(id));
    assertThat(wire.path("result").path("opportunity").size()).isZero();

    JsonNode binned = api.get("/opportunities/deleted?ownerID=" + owner).json().path("items");
    assertThat(binned.size()).isEqualTo(1);
    assertThat(binned.get(0).path("id").asLong()).isEqualTo(id);
    assertThat(binned.get(0).path("leadCount").asInt()).isEqualTo(2);
    assertThat(binned.get(0).path("opportunity").path("amount").toString()).isEqualTo("1234.50");
    assertThat(binned.get(0).path("deletedBy").asLong()).isEqualTo(1);

    Reply restored = api.post("/opportunities/" + id + "/restore", "");
    assertThat(restored.status()).as(restored.body()).isEqualTo(200);
    assertThat(restored.header("ETag")).isNotNull().isNotEqualTo(before.header("ETag"));
    JsonNode was = before.json();
    JsonNode now = api.get("/opportunities/" + id).json();
    for (String property :
        List.of(
            "ownerID",
            "dealStageID",
            "opportunityName",
            "probability",
            "probabilitySource",
            "amount",
            "currency",
            "closeDate",
            "primaryLeadID",
            "createTimestamp")) {
      assertThat(now.path(property)).as(property).isEqualTo(was.path(property));
    }
    assertThat(associations(id)).containsExactlyElementsOf(leads);
    assertThat(api.get("/opportunities/deleted?ownerID=" + owner).json().path("items").size())
        .isZero();
    assertThat(api.post("/opportunities/" + id + "/restore", "").status()).isEqualTo(404);
  }

  @Test
  void anOpportunityWhoseStageIsGoneComesBackOnlyIntoAnotherStage() {
    long stage =
        api.post(
                "/dealStages",
                json(
                    Map.of(
                        "dealStageName",
                        "Short-lived " + UUID.randomUUID(),
                        "defaultProbability",
                        15)))
            .id();
    var opportunity = minimal(uniqueOwner());
    opportunity.put("dealStageID", stage);
    long id = create(api, opportunity);
    assertThat(api.delete("/opportunities/" + id).status()).isEqualTo(204);
    assertThat(api.delete("/dealStages/" + stage).status()).isEqualTo(204);

    Reply gone = api.post("/opportunities/" + id + "/restore", "");
    assertThat(gone.status()).isEqualTo(409);
    assertThat(gone.json().path("detail").asString()).contains("moveTo");
    assertThat(api.post("/opportunities/" + id + "/restore?moveTo=987654321", "").errorFields())
        .containsExactly("moveTo");

    Reply moved = api.post("/opportunities/" + id + "/restore?moveTo=4", "");
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    assertThat(moved.json().path("dealStageID").asLong()).isEqualTo(4);
    assertThat(moved.json().path("probability").asInt()).isEqualTo(60);
  }

  @Test
  void purgeIsFinalAndForAdministratorsOnly() {
    long owner = uniqueOwner();
    long id = withLeads(owner);
    assertThat(api.delete("/opportunities/" + id).status()).isEqualTo(204);

    Api manager = Keys.client(api, Role.COMPANY_MANAGER, uniqueOwner());
    assertThat(manager.delete("/opportunities/deleted/" + id).status()).isEqualTo(403);

    assertThat(api.delete("/opportunities/deleted/" + id).status()).isEqualTo(204);
    assertThat(api.delete("/opportunities/deleted/" + id).status()).isEqualTo(404);
    assertThat(api.post("/opportunities/" + id + "/restore", "").status()).isEqualTo(404);
    assertThat(api.get("/opportunities/" + id).status()).isEqualTo(404);
    assertThat(api.get("/opportunities/deleted?id=" + id).json().path("items").size()).isZero();
  }

  @Test
  void aSalespersonSeesAndRestoresOnlyTheirOwnDeletedOpportunities() {
    long mine = uniqueOwner();
    Api salesperson = Keys.client(api, Role.SALESPERSON, mine);
    long own = create(api, minimal(mine));
    long other = create(api, minimal(uniqueOwner()));
    assertThat(salesperson.delete("/opportunities/" + own).status()).isEqualTo(204);
    assertThat(api.delete("/opportunities/" + other).status()).isEqualTo(204);

    List<Long> seen = new ArrayList<>();
    salesperson
        .get("/opportunities/deleted?limit=500")
        .json()
        .path("items")
        .forEach(item -> seen.add(item.path("id").asLong()));
    assertThat(seen).contains(own).doesNotContain(other);
    assertThat(salesperson.post("/opportunities/" + other + "/restore", "").status())
        .isEqualTo(404);
    assertThat(salesperson.post("/opportunities/" + own + "/restore", "").status()).isEqualTo(200);
  }

  @Test
  void theScheduledPurgeEndsWhatWasDeletedLongerAgoThanTheRecycleDays() {
    long old = create(api, minimal(uniqueOwner()));
    long recent = create(api, minimal(uniqueOwner()));
    api.delete("/opportunities/" + old);
    api.delete("/opportunities/" + recent);
    jdbc.sql("update opportunity_bin set deleted_at = now() - interval '31 days' where id = :id")
        .param("id", old)
        .update();

    assertThat(scheduledPurge.purge()).isGreaterThanOrEqualTo(1);

    assertThat(api.post("/opportunities/" + old + "/restore", "").status()).isEqualTo(404);
    assertThat(api.post("/opportunities/" + recent + "/restore", "").status()).isEqualTo(200);
  }

  @Test
  void wireDeletesGoToTheBinToo() {
    long id = create(api, minimal(uniqueOwner()));
    JsonNode deleted =
        WireClient.of(api, Api.ADMIN_TOKEN)
            .call(
                "{\"method\":\"deleteOpportunities\",\"params\":{\"objects\":[{\"id\":%d}]},\"id\":1}"
                    .formatted(id));
    assertThat(deleted.path("error").isNull()).as(deleted.toString()).isTrue();
    assertThat(api.get("/opportunities/" + id).status()).isEqualTo(404);
    assertThat(api.post("/opportunities/" + id + "/restore", "").status()).isEqualTo(200);
  }
}
