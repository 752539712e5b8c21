package com.leadgencrm.opportunities.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.core.Role;
import com.leadgencrm.opportunities.security.Keys;
import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.IntegrationTest;
import com.leadgencrm.opportunities.support.WireClient;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Prometheus counts every answer under the route it was for, refusals before a handler ran
 * included, with histogram buckets for percentiles.
 */
@IntegrationTest
class MetricsTest {

  @Autowired Api api;

  List<String> requests(String status, String method) {
    return api.get("/actuator/prometheus")
        .body()
        .lines()
        .filter(line -> line.startsWith("http_server_requests_seconds_count{"))
        .filter(line -> line.contains("status=\"" + status + "\""))
        .filter(line -> line.contains("method=\"" + method + "\""))
        .toList();
  }

  @Test
  void refusalsAreCountedUnderTheirRoute() {
    api.anonymous().get("/opportunities/1051");
    api.get("/opportunities/0");
    api.request("GET", "/dealStages/1").header("Accept", "text/csv").send();
    api.request("POST", "/fields/1").json("{}").send();
    Api limited =
        api.as(Keys.create(api, Role.SALES_MANAGER, 71, 1).json().path("token").asString());
    for (int i = 0; i < 4; i++) {
      limited.get("/opportunityLeads/1");
    }

    assertThat(requests("401", "GET"))
        .anyMatch(line -> line.contains("uri=\"/opportunities/{id}\""));
    assertThat(requests("404", "GET"))
        .anyMatch(line -> line.contains("uri=\"/opportunities/{id}\""));
    assertThat(requests("406", "GET")).anyMatch(line -> line.contains("uri=\"/dealStages/{id}\""));
    assertThat(requests("405", "POST")).anyMatch(line -> line.contains("uri=\"/fields/{id}\""));
    assertThat(requests("429", "GET"))
        .anyMatch(line -> line.contains("uri=\"/opportunityLeads/{id}\""));
  }

  @Test
  void requestDurationsHaveHistogramBuckets() {
    api.get("/dealStages");
    assertThat(api.get("/actuator/prometheus").body().lines())
        .filteredOn(line -> line.startsWith("http_server_requests_seconds_bucket{"))
        .filteredOn(line -> line.contains("uri=\"/dealStages\""))
        .anyMatch(line -> line.matches(".*le=\"[0-9.]+\".*"))
        .hasSizeGreaterThan(10);
  }

  double wireCount(String name, String method, String code) {
    String prefix = name + "{";
    return api.get("/actuator/prometheus")
        .body()
        .lines()
        .filter(line -> line.startsWith(prefix))
        .filter(line -> line.contains("method=\"" + method + "\""))
        .filter(line -> line.contains("code=\"" + code + "\""))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  @Test
  void wireCallsAreCountedByMethodAndErrorCode() {
    WireClient wire =
        WireClient.of(
            api, Keys.create(api, Role.ADMINISTRATOR, 72, null).json().path("token").asString());
    double served = wireCount("crm_wire_calls_total", "getDealStages", "none");
    double missing = wireCount("crm_wire_calls_total", "getOpportunity", "206");
    double invalid = wireCount("crm_wire_calls_total", "unknown", "204");
    double partly = wireCount("crm_wire_calls_total", "deleteOpportunities", "objects");
    double refusedObjects =
        wireCount("crm_wire_objects_refused_total", "deleteOpportunities", "302");
    double unauthenticated = wireCount("crm_wire_calls_total", "getDealStages", "105");

    wire.call("{\"method\":\"getDealStages\",\"params\":{},\"id\":1}");
    wire.call("{\"method\":\"getOpportunity\",\"params\":{},\"id\":2}");
    wire.call("{\"method\":\"chooseAWinner\",\"params\":{},\"id\":3}");
    wire.call(
        "{\"method\":\"deleteOpportunities\",\"params\":{\"objects\":[{\"id\":\"987654321\"},{\"id\":\"987654322\"}]},\"id\":4}");
    wire.withSecret("wrong").call("{\"method\":\"getDealStages\",\"params\":{},\"id\":5}");

    assertThat(wireCount("crm_wire_calls_total", "getDealStages", "none")).isEqualTo(served + 1);
    assertThat(wireCount("crm_wire_calls_total", "getOpportunity", "206")).isEqualTo(missing + 1);
    assertThat(wireCount("crm_wire_calls_total", "unknown", "204")).isEqualTo(invalid + 1);
    assertThat(wireCount("crm_wire_calls_total", "deleteOpportunities", "objects"))
        .isEqualTo(partly + 1);
    assertThat(wireCount("crm_wire_objects_refused_total", "deleteOpportunities", "302"))
        .isEqualTo(refusedObjects + 2);
    assertThat(wireCount("crm_wire_calls_total", "getDealStages", "105"))
        .isEqualTo(unauthenticated + 1);
  }
}
