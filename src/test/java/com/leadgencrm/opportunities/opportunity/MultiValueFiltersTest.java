package com.leadgencrm.opportunities.opportunity;

import static com.leadgencrm.opportunities.opportunity.Opportunities.create;
import static com.leadgencrm.opportunities.opportunity.Opportunities.minimal;
import static com.leadgencrm.opportunities.opportunity.Opportunities.uniqueOwner;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Api.Reply;
import com.leadgencrm.opportunities.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Id filters take several values comma-separated ({@code ownerID=7,9}) or repeated ({@code
 * ownerID=7&ownerID=9}, as generated clients and Swagger UI send arrays); every other parameter is
 * given once.
 */
@IntegrationTest
class MultiValueFiltersTest {

  @Autowired Api api;

  List<Long> ids(Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    List<Long> ids = new ArrayList<>();
    reply.json().path("items").forEach(item -> ids.add(item.path("id").asLong()));
    return ids;
  }

  @Test
  void filtersByOwnersCommaSeparatedRepeatedOrBoth() {
    long first = uniqueOwner();
    long second = uniqueOwner();
    long third = uniqueOwner();
    long a = create(api, minimal(first));
    long b = create(api, minimal(second));
    long c = create(api, minimal(third));

    assertThat(ids(api.get("/opportunities?ownerID=" + first + "," + second)))
        .containsExactly(a, b);
    assertThat(ids(api.get("/opportunities?ownerID=" + first + "&ownerID=" + second)))
        .containsExactly(a, b);
    assertThat(ids(api.get("/opportunities?ownerID=" + first + "," + second + "&ownerID=" + third)))
        .containsExactly(a, b, c);
    assertThat(ids(api.get("/opportunities?id=" + a + "&id=" + c))).containsExactly(a, c);
  }

  @Test
  void pagesThroughRepeatedFilters() {
    long first = uniqueOwner();
    long second = uniqueOwner();
    List<Long> created = new ArrayList<>();
    for (long owner : List.of(first, second, first, second, first)) {
      created.add(create(api, minimal(owner)));
    }
    String filter = "ownerID=" + first + "&ownerID=" + second + "&limit=2";
    List<Long> seen = new ArrayList<>();
    Reply page = api.get("/opportunities?" + filter);
    seen.addAll(ids(page));
    while (!page.json().path("nextCursor").isNull()) {
      page =
          api.get(
              "/opportunities?" + filter + "&cursor=" + page.json().path("nextCursor").asString());
      seen.addAll(ids(page));
    }
    assertThat(seen).containsExactlyElementsOf(created);
  }

  @Test
  void everyListTakesRepeatedIds() {
    assertThat(ids(api.get("/dealStages?id=1&id=2&sort=id"))).containsExactly(1L, 2L);
    assertThat(ids(api.get("/fields?id=1&id=2&sort=id"))).containsExactly(1L, 2L);
    long opportunity = create(api, minimal(uniqueOwner()));
    long association = api.put("/opportunities/" + opportunity + "/leads/4242", "").id();
    assertThat(
            ids(
                api.get(
                    "/opportunityLeads?opportunityID="
                        + opportunity
                        + "&opportunityID=1&leadID=4242")))
        .containsExactly(association);
  }

  @Test
  void refusesARepeatedSingleValuedParameter() {
    Reply reply = api.get("/opportunities?limit=1&limit=2&q=a&q=b&isClosed=true&isClosed=false");
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorFields()).containsExactly("isClosed", "limit", "q");
    assertThat(reply.json().path("errors").path(0).path("message").asString())
        .isEqualTo("must be given once");
    assertThat(api.get("/dealStages?sort=id&sort=weight").errorFields()).containsExactly("sort");
  }

  @Test
  void refusesIdsThatAreNotIntegersWhicheverWayTheyCome() {
    Reply reply = api.get("/opportunities?ownerID=7&ownerID=x");
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorFields()).containsExactly("ownerID");
    assertThat(reply.json().path("errors").path(0).path("message").asString())
        .isEqualTo("must be integers, comma-separated or repeated");
  }
}
