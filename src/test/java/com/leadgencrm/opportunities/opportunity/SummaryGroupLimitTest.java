package com.leadgencrm.opportunities.opportunity;

import static com.leadgencrm.opportunities.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Api.Reply;
import com.leadgencrm.opportunities.support.Instances;
import com.leadgencrm.opportunities.support.IntegrationTest;
import com.leadgencrm.opportunities.support.TestDatabase;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A summary is built whole in memory, so its groups are bounded (CRM_SUMMARY_GROUPS): grouped by
 * account, a million opportunities ran the heap out at -Xmx256m, and every later request of the
 * instance failed with it. Here an instance allows three groups.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SummaryGroupLimitTest {

  ConfigurableApplicationContext instance;
  Api api;

  @BeforeAll
  void start() {
    instance =
        Instances.start(
            TestDatabase.target(),
            "--spring.datasource.hikari.maximum-pool-size=2",
            "--crm.limits.summary-groups=3");
    api = Api.onPort(((WebServerApplicationContext) instance).getWebServer().getPort());
  }

  @AfterAll
  void stop() {
    instance.close();
  }

  @Test
  void aSummaryOfMoreGroupsThanAllowedIsRefusedNamingGroupBy() {
    long campaign = ThreadLocalRandom.current().nextLong(1_000_000_000L, 1_000_000_000_000L);
    String summary = "/opportunities/summary?groupBy=ownerID&campaignID=" + campaign;
    for (int owners = 1; owners <= 3; owners++) {
      create(campaign);
    }
    Reply three = api.get(summary);
    assertThat(three.status()).as(three.body()).isEqualTo(200);
    assertThat(three.json().path("groups").size()).isEqualTo(3);
    assertThat(three.json().path("totals").get(0).path("count").asLong()).isEqualTo(3);

    create(campaign);
    for (String accept : new String[] {"application/json", "text/csv"}) {
      Reply four = api.request("GET", summary).header("Accept", accept).send();
      assertThat(four.status()).as(accept).isEqualTo(400);
      assertThat(four.header("Content-Type")).startsWith("application/problem+json");
      assertThat(four.json().path("errors").get(0).path("field").asString()).isEqualTo("groupBy");
      assertThat(four.json().path("detail").asString())
          .contains("more than 3 groups", "narrow the summary with filters");
    }
    // narrowed by a filter, the same grouping is answered again
    long owner =
        api.get("/opportunities?campaignID=" + campaign)
            .json()
            .path("items")
            .get(0)
            .path("ownerID")
            .asLong();
    Reply narrowed = api.get(summary + "&ownerID=" + owner);
    assertThat(narrowed.status()).isEqualTo(200);
    assertThat(narrowed.json().path("groups").size()).isEqualTo(1);
  }

  private void create(long campaign) {
    Map<String, Object> opportunity = Opportunities.minimal(Opportunities.uniqueOwner());
    opportunity.put("campaignID", campaign);
    assertThat(api.post("/opportunities", json(opportunity)).status()).isEqualTo(201);
  }
}
