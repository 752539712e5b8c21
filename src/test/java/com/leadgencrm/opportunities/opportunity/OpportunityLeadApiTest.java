package com.leadgencrm.opportunities.opportunity;

import static com.leadgencrm.opportunities.opportunity.Opportunities.create;
import static com.leadgencrm.opportunities.opportunity.Opportunities.minimal;
import static com.leadgencrm.opportunities.opportunity.Opportunities.uniqueOwner;
import static com.leadgencrm.opportunities.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Api.Reply;
import com.leadgencrm.opportunities.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class OpportunityLeadApiTest {

  @Autowired Api api;

  @Test
  void createsReadsListsAndDeletesAnAssociation() {
    long opportunity = create(api, minimal(uniqueOwner()));
    Reply created =
        api.post("/opportunityLeads", json(Map.of("opportunityID", opportunity, "leadID", 9001)));

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("Location")).isEqualTo("/opportunityLeads/" + created.id());
    JsonNode association = api.get("/opportunityLeads/" + created.id()).json();
    assertThat(association.path("opportunityID").asLong()).isEqualTo(opportunity);
    assertThat(association.path("leadID").asLong()).isEqualTo(9001);
    assertThat(
            api.get("/opportunityLeads?leadID=9001&opportunityID=" + opportunity)
                .json()
                .path("items")
                .size())
        .isEqualTo(1);
    assertThat(
            api.get("/opportunities?leadID=9001").json().path("items").get(0).path("id").asLong())
        .isEqualTo(opportunity);

    assertThat(api.delete("/opportunityLeads/" + created.id()).status()).isEqualTo(204);
    assertThat(api.get("/opportunityLeads/" + created.id()).status()).isEqualTo(404);
  }

  @Test
  void duplicateAssociationIsConflictNamingTheExistingOne() {
    long opportunity = create(api, minimal(uniqueOwner()));
    long first =
        api.post("/opportunityLeads", json(Map.of("opportunityID", opportunity, "leadID", 12)))
            .id();
    Reply duplicate =
        api.post("/opportunityLeads", json(Map.of("opportunityID", opportunity, "leadID", 12)));
    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(duplicate.json().path("existingId").asLong()).isEqualTo(first);
  }

  @Test
  void rejectsInvalidAssociations() {
    Reply missing = api.post("/opportunityLeads", "{}");
    assertThat(missing.errorFields()).containsExactly("leadID", "opportunityID");
    Reply unknown =
        api.post("/opportunityLeads", json(Map.of("opportunityID", 987654321, "leadID", 1)));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.errorFields()).containsExactly("opportunityID");
    Reply wrong =
        api.post("/opportunityLeads", json(Map.of("opportunityID", "1", "leadID", 0, "x", 1)));
    assertThat(wrong.errorFields()).containsExactly("leadID", "opportunityID", "x");
  }

  @Test
  void associatingThroughTheOpportunityIsIdempotent() {
    long opportunity = create(api, minimal(uniqueOwner()));
    Reply first = api.put("/opportunities/" + opportunity + "/leads/77", "");
    Reply second = api.put("/opportunities/" + opportunity + "/leads/77", "");
    assertThat(first.status()).isEqualTo(201);
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.id()).isEqualTo(first.id());
    assertThat(api.get("/opportunities/" + opportunity + "/leads").json().path("items").size())
        .isEqualTo(1);

    assertThat(api.delete("/opportunities/" + opportunity + "/leads/77").status()).isEqualTo(204);
    assertThat(api.delete("/opportunities/" + opportunity + "/leads/77").status()).isEqualTo(404);
    assertThat(api.put("/opportunities/" + opportunity + "/leads/0", "").errorFields())
        .containsExactly("leadID");
  }

  @Test
  void primaryLeadIsAssociatedAndStaysWhilePrimary() {
    var opportunity = minimal(uniqueOwner());
    opportunity.put("primaryLeadID", 555);
    long id = create(api, opportunity);
    JsonNode leads = api.get("/opportunities/" + id + "/leads").json().path("items");
    assertThat(leads.size()).isEqualTo(1);
    assertThat(leads.get(0).path("leadID").asLong()).isEqualTo(555);

    assertThat(api.delete("/opportunities/" + id + "/leads/555").status()).isEqualTo(409);
    api.patch("/opportunities/" + id, json(Map.of("primaryLeadID", 556)));
    assertThat(api.get("/opportunities/" + id + "/leads").json().path("items").size()).isEqualTo(2);
    assertThat(api.delete("/opportunities/" + id + "/leads/555").status()).isEqualTo(204);
  }

  @Test
  void listsTheLeadsOfAnOpportunityInPages() {
    long opportunity = create(api, minimal(uniqueOwner()));
    for (int lead = 1; lead <= 5; lead++) {
      api.put("/opportunities/" + opportunity + "/leads/" + lead, "");
    }
    List<Long> leads = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page =
          api.get(
                  "/opportunities/"
                      + opportunity
                      + "/leads?limit=2&sort=id,desc"
                      + (cursor == null ? "" : "&cursor=" + cursor))
              .json();
      page.path("items").forEach(item -> leads.add(item.path("leadID").asLong()));
      cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asString();
    } while (cursor != null);
    assertThat(leads).containsExactly(5L, 4L, 3L, 2L, 1L);
    assertThat(api.get("/opportunities/" + opportunity + "/leads?leadID=1").errorFields())
        .containsExactly("leadID");
  }

  @Test
  void associationsHaveNoUpdate() {
    long opportunity = create(api, minimal(uniqueOwner()));
    long id =
        api.post("/opportunityLeads", json(Map.of("opportunityID", opportunity, "leadID", 3))).id();
    assertThat(api.put("/opportunityLeads/" + id, "{}").status()).isEqualTo(405);
  }
}
