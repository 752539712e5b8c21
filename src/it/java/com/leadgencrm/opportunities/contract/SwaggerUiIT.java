package com.leadgencrm.opportunities.contract;

import static com.leadgencrm.opportunities.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.ContractFields;
import com.leadgencrm.opportunities.support.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Swagger UI in Chromium (Playwright, {@code src/it/node/swagger-ui.mjs}): authorized with a key,
 * "Try it out" with the page's defaults answers 200 on every list, and every request example of the
 * writes works as shown.
 */
@IntegrationTest
class SwaggerUiIT {

  @Autowired Api api;

  @Test
  void everyListAndEveryRequestExampleWorksInSwaggerUi() throws Exception {
    ContractFields.ensure(api);
    opportunitiesTheExamplesName();
    NodeTools.Run run =
        NodeTools.node(Duration.ofMinutes(5), "swagger-ui.mjs", api.baseUrl(), Api.ADMIN_TOKEN);
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("all 16 checks passed");
  }

  /**
   * The examples name opportunities 1051 and 1052, as a database in use holds them: created in
   * batches until they exist (ids are given out in order).
   */
  void opportunitiesTheExamplesName() {
    while (api.get("/opportunities/1052").status() == 404) {
      long highest =
          api.get("/opportunities?sort=id,desc&limit=1")
              .json()
              .path("items")
              .path(0)
              .path("id")
              .asLong();
      assertThat(highest).as("opportunity 1051 or 1052 was deleted").isLessThan(1052);
      List<Map<String, Object>> items = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        items.add(
            Map.of(
                "ownerID",
                7,
                "dealStageID",
                2,
                "opportunityName",
                "Example " + i,
                "closeDate",
                "2026-12-31"));
      }
      Api.Reply batch = api.post("/opportunities/batch", json(Map.of("items", items)));
      assertThat(batch.status()).as(batch.body()).isEqualTo(200);
    }
  }
}
