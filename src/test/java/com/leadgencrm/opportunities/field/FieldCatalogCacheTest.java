package com.leadgencrm.opportunities.field;

import static com.leadgencrm.opportunities.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Api.Reply;
import com.leadgencrm.opportunities.support.CustomFields;
import com.leadgencrm.opportunities.support.IntegrationTest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The field definitions are read from the database only when the instance's copy is behind, and
 * writes bring that copy up to date too (crm_field_catalog_loads_total counts the reads).
 */
@IntegrationTest
class FieldCatalogCacheTest {

  @Autowired Api api;

  double loads() {
    return api.get("/actuator/prometheus")
        .body()
        .lines()
        .filter(line -> line.startsWith("crm_field_catalog_loads_total"))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  Reply createOpportunity(int i) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("ownerID", 7);
    o.put("dealStageID", 1);
    o.put("opportunityName", "Catalog cache " + i);
    o.put("closeDate", "2026-12-31T00:00:00Z");
    o.put("amount", 1000 + i);
    return api.post("/opportunities", json(o));
  }

  @Test
  void writesAloneReadTheDefinitionsOnceAfterAFieldChange() {
    Reply created = CustomFields.create(api, "cache", "text", 20);
    String systemName = created.json().path("systemName").asString();
    try {
      // the definitions changed: this instance's copy is behind, and only writes come now
      double before = loads();
      for (int i = 0; i < 5; i++) {
        Reply reply = createOpportunity(i);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.json().has(systemName)).isTrue();
      }
      // the first write reads them (twice at most: its check under the table lock, then its
      // answer); the next ones find them in memory
      assertThat(loads() - before).isLessThanOrEqualTo(2);
    } finally {
      assertThat(api.delete("/fields/" + created.id()).status()).isEqualTo(204);
    }
  }
}
