package com.leadgencrm.opportunities.web;

import static com.leadgencrm.opportunities.opportunity.Opportunities.minimal;
import static com.leadgencrm.opportunities.opportunity.Opportunities.uniqueOwner;
import static com.leadgencrm.opportunities.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.opportunity.Opportunities;
import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Api.Reply;
import com.leadgencrm.opportunities.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every operation refuses query parameters it does not declare, repeated ones and empty values, as
 * lists do: none runs with a default the client did not mean (a non-atomic batch, say).
 */
@IntegrationTest
class DeclaredQueryParametersTest {

  @Autowired Api api;

  String batch(long owner) {
    return json(Map.of("items", List.of(minimal(owner), Map.of("ownerID", owner))));
  }

  long count(long owner) {
    return api.get("/opportunities?ownerID=" + owner).json().path("items").size();
  }

  @Test
  void aBatchWithAnAmbiguousAtomicFlagRunsNothing() {
    long owner = uniqueOwner();
    Map<String, String> refused =
        Map.of(
            "atomic=", "must be true or false",
            "atomic=%20", "must be true or false",
            "atomic=false&atomic=true", "must be given once",
            "atomic=true&atomic=true", "must be given once",
            "atomc=true", "is not a query parameter of this operation",
            "atomic", "must be true or false");
    refused.forEach(
        (query, message) -> {
          for (String method : List.of("POST", "PATCH")) {
            Reply reply =
                api.request(method, "/opportunities/batch?" + query).json(batch(owner)).send();
            assertThat(reply.status())
                .as(method + " ?" + query + " " + reply.body())
                .isEqualTo(400);
            String field = query.contains("atomc") ? "atomc" : "atomic";
            assertThat(reply.json().path("errors"))
                .as(query)
                .hasSize(1)
                .first()
                .satisfies(
                    error -> {
                      assertThat(error.path("field").asString()).isEqualTo(field);
                      assertThat(error.path("message").asString()).isEqualTo(message);
                    });
          }
          Reply leads = api.post("/opportunityLeads/batch?" + query, "{\"items\":[]}");
          assertThat(leads.status()).as(query).isEqualTo(400);
        });
    // nothing of the batches was written; without the ambiguity, the valid item is
    assertThat(count(owner)).isZero();
    assertThat(api.post("/opportunities/batch?atomic=false", batch(owner)).status()).isEqualTo(200);
    assertThat(count(owner)).isEqualTo(1);
  }

  @Test
  void deletingAStageWithAnEmptyMoveToDeletesNothing() {
    long stage =
        api.post("/dealStages", json(Map.of("dealStageName", "Emptied " + uniqueOwner()))).id();
    for (String query : List.of("moveTo=", "moveTo=2&moveTo=3", "moveTo=2&x=1", "moveto=2")) {
      Reply reply = api.delete("/dealStages/" + stage + "?" + query);
      assertThat(reply.status()).as(query + " " + reply.body()).isEqualTo(400);
    }
    assertThat(api.get("/dealStages/" + stage).status()).isEqualTo(200);
    assertThat(api.delete("/dealStages/" + stage).status()).isEqualTo(204);
  }

  @Test
  void everyOperationRefusesParametersItDoesNotTake() {
    long owner = uniqueOwner();
    long opportunity = Opportunities.create(api, minimal(owner));
    String body = json(minimal(owner));
    List<String[]> operations =
        List.of(
            new String[] {"GET", "/opportunities/" + opportunity, null},
            new String[] {"POST", "/opportunities", body},
            new String[] {"PUT", "/opportunities/" + opportunity, body},
            new String[] {"PATCH", "/opportunities/" + opportunity, "{}"},
            new String[] {"DELETE", "/opportunities/" + opportunity, null},
            new String[] {"PUT", "/opportunities/" + opportunity + "/leads/5", null},
            new String[] {"GET", "/dealStages/1", null},
            new String[] {"GET", "/fields/1", null},
            new String[] {"GET", "/apiKeys/test_admin", null},
            new String[] {"POST", "/apiKeys", "{}"});
    for (String[] operation : operations) {
      for (String query : List.of("x=1", "ifMatch=1", "id=" + opportunity)) {
        Api.Request request = api.request(operation[0], operation[1] + "?" + query);
        Reply reply = (operation[2] == null ? request : request.json(operation[2])).send();
        assertThat(reply.status())
            .as(operation[0] + " " + operation[1] + "?" + query + " " + reply.body())
            .isEqualTo(400);
        assertThat(reply.json().path("detail").asString())
            .endsWith("is not a query parameter of this operation");
      }
    }
    // nothing was changed or deleted
    assertThat(api.get("/opportunities/" + opportunity).status()).isEqualTo(200);
    assertThat(api.get("/opportunities/" + opportunity + "/leads").json().path("items").isEmpty())
        .isTrue();
  }

  @Test
  void apiKeyListsRefuseUnknownRepeatedAndEmptyParametersAsOtherListsDo() {
    for (String query :
        List.of(
            "userID=",
            "userID=1&userID=2",
            "role=",
            "role=SALESPERSON&role=ADMINISTRATOR",
            "x=1")) {
      Reply reply = api.get("/apiKeys?" + query);
      assertThat(reply.status()).as(query + " " + reply.body()).isEqualTo(400);
    }
    assertThat(api.get("/apiKeys?role=ADMINISTRATOR&userID=1").status()).isEqualTo(200);
    // and the leads of an opportunity, a list of its own
    assertThat(api.get("/opportunities/1/leads?limit=").errorFields()).containsExactly("limit");
    assertThat(api.get("/opportunities/1/leads?limit=5&x=1").errorFields()).containsExactly("x");
  }
}
