package com.leadgencrm.opportunities.field;

import static com.leadgencrm.opportunities.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Api.Reply;
import com.leadgencrm.opportunities.support.IntegrationTest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
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
    Map<String, Object> field = new LinkedHashMap<>();
    field.put("relationship", "opportunity");
    field.put(
        "systemName", "cache_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
    field.put("label", "Cache");
    field.put("dataType", "text");
    field.put("dataLength", 20);
    field.put("isRequired", false);
    field.put("isCustom", true);
    field.put("isActive", true);
    field.put("isAvailableInContactManager", true);
    field.put("isEditableInContactManager", true);
    field.put("isAvailableInForms", false);
    Reply created = api.post("/fields", json(field));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    try {
      // the definitions changed: this instance's copy is behind, and only writes come now
      double before = loads();
      for (int i = 0; i < 5; i++) {
        Reply reply = createOpportunity(i);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.json().has(field.get("systemName").toString())).isTrue();
      }
      // the first write reads them (twice at most: its check under the table lock, then its
      // answer); the next ones find them in memory
      assertThat(loads() - before).isLessThanOrEqualTo(2);
    } finally {
      assertThat(api.delete("/fields/" + created.id()).status()).isEqualTo(204);
    }
  }
}
