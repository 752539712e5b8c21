package com.leadgencrm.opportunities.multiinstance;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.core.Role;
import com.leadgencrm.opportunities.security.Keys;
import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Instances;
import com.leadgencrm.opportunities.support.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** CRM_KEY_CACHE=false: every key check goes to the database, as before the cache. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyCacheOffTest {

  ConfigurableApplicationContext service;
  Api admin;

  @BeforeAll
  void start() {
    TestDatabase.Target database = TestDatabase.target();
    service =
        Instances.start(
            database,
            "--spring.datasource.hikari.maximum-pool-size=4",
            "--crm.security.key-cache=false");
    admin = Api.onPort(((WebServerApplicationContext) service).getWebServer().getPort());
  }

  @AfterAll
  void stop() {
    if (service != null) {
      service.close();
    }
  }

  @Test
  void everyKeyCheckGoesToTheDatabase() {
    String token = Keys.create(admin, Role.SALESPERSON, 94, null).json().path("token").asString();
    Api client = admin.as(token);
    for (int i = 0; i < 3; i++) {
      assertThat(client.get("/dealStages").status()).isEqualTo(200);
    }
    List<String> metrics = admin.get("/actuator/prometheus").body().lines().toList();
    assertThat(metrics)
        .anyMatch(line -> line.matches("crm_key_checks_total\\{.*answered=\"cache\".*} 0\\.0"))
        .anyMatch(line -> line.matches("crm_key_checks_total\\{.*answered=\"database\".*} [1-9].*"))
        .anyMatch(line -> line.matches("crm_key_cache_trusted(\\{.*})? 0\\.0"));
  }
}
