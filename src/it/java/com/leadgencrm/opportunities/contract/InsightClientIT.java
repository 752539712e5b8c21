package com.leadgencrm.opportunities.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.client.ApiClient;
import com.leadgencrm.client.api.OpportunitiesApi;
import com.leadgencrm.client.model.OpportunityInput;
import com.leadgencrm.client.model.OpportunityStageFlow;
import com.leadgencrm.client.model.OpportunitySummary;
import com.leadgencrm.client.model.OpportunitySummaryGroup;
import com.leadgencrm.client.model.OpportunityWaterfall;
import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.IntegrationTest;
import java.math.BigDecimal;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The pipeline insight operations (summary, waterfall, stage flow) through the Java client an
 * integrator generates: typed groups, figures and steps, as the document says them.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InsightClientIT {

  @Autowired Api api;

  OpportunitiesApi opportunities;

  @BeforeAll
  void generatedClient() {
    URI base = URI.create(api.baseUrl());
    ApiClient client =
        new ApiClient()
            .setScheme(base.getScheme())
            .setHost(base.getHost())
            .setPort(base.getPort())
            .setBasePath("")
            .setRequestInterceptor(
                request -> request.header("Authorization", "Bearer " + Api.ADMIN_TOKEN));
    opportunities = new OpportunitiesApi(client);
  }

  @Test
  void summarisesAnOwnersPipelineByStage() throws Exception {
    long owner = ThreadLocalRandom.current().nextLong(1_000_000_000L, 900_000_000_000_000_000L);
    for (String amount : List.of("100.00", "250.50")) {
      opportunities.createOpportunity(
          new OpportunityInput()
              .ownerID(owner)
              .dealStageID(2L)
              .opportunityName("Insight")
              .closeDate("2026-12-31")
              .amount(new BigDecimal(amount)),
          null);
    }
    OpportunitySummary summary =
        opportunities.summarizeOpportunities(
            "dealStageID",
            null,
            List.of(owner),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    assertThat(summary.getGroups()).hasSize(1);
    OpportunitySummaryGroup group = summary.getGroups().get(0);
    assertThat(group.getKey().getDealStageID()).isEqualTo(2L);
    assertThat(group.getKey().getCurrency()).isEqualTo("USD");
    assertThat(group.getCount()).isEqualTo(2L);
    assertThat(group.getAmount()).isEqualByComparingTo("350.50");
    assertThat(group.getWinRate()).isNull();
    assertThat(summary.getTotals()).hasSize(1);
    assertThat(summary.getTotals().get(0).getOpenAmount()).isEqualByComparingTo("350.50");
  }

  @Test
  void answersTheWaterfallAndTheStageFlowTyped() throws Exception {
    OffsetDateTime to = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1);
    OffsetDateTime from = to.minusDays(1);
    long nobody = ThreadLocalRandom.current().nextLong(1_000_000_000L, 900_000_000_000_000_000L);
    OpportunityWaterfall waterfall =
        opportunities.opportunityWaterfall(
            from,
            to,
            null,
            List.of(nobody),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    assertThat(waterfall.getCurrencies()).isEmpty();
    assertThat(waterfall.getCloseDateFrom()).isNotNull();
    OpportunityStageFlow flow =
        opportunities.opportunityStageFlow(
            from,
            to,
            null,
            List.of(nobody),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    assertThat(flow.getStages()).isEmpty();
  }
}
