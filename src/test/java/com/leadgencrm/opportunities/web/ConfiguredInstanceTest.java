package com.leadgencrm.opportunities.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Api.Reply;
import com.leadgencrm.opportunities.support.Instances;
import com.leadgencrm.opportunities.support.IntegrationTest;
import com.leadgencrm.opportunities.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An instance with CRM_CORS_ALLOWED_ORIGINS and CRM_PUBLIC_URL set: browser pages of those origins
 * may call it, and its document names the public URL whoever fetches it.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfiguredInstanceTest {

  static final String ORIGIN = "https://app.example.org";

  ConfigurableApplicationContext instance;
  Api api;

  @BeforeAll
  void start() {
    TestDatabase.Target database = TestDatabase.target();
    instance =
        Instances.start(
            database,
            "--spring.datasource.hikari.maximum-pool-size=2",
            "--crm.http.cors-allowed-origins=" + ORIGIN + ", https://*.partner.example.com",
            "--crm.http.public-url=https://api.example.org/crm/");
    api = Api.onPort(((WebServerApplicationContext) instance).getWebServer().getPort());
  }

  @AfterAll
  void stop() {
    instance.close();
  }

  @Test
  void answersAPreflightOfAnAllowedOriginWithoutCredentials() {
    Reply preflight =
        api.anonymous()
            .request("OPTIONS", "/opportunities/1051")
            .header("Origin", ORIGIN)
            .header("Access-Control-Request-Method", "PATCH")
            .header("Access-Control-Request-Headers", "authorization, content-type, if-match")
            .send();
    assertThat(preflight.status()).isEqualTo(200);
    assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
    assertThat(preflight.header("Access-Control-Allow-Methods")).contains("PATCH");
    assertThat(preflight.header("Access-Control-Allow-Headers").toLowerCase())
        .contains("authorization", "if-match");
    assertThat(preflight.header("Access-Control-Allow-Credentials")).isNull();

    Reply wildcard =
        api.anonymous()
            .request("OPTIONS", "/dealStages")
            .header("Origin", "https://crm.partner.example.com")
            .header("Access-Control-Request-Method", "GET")
            .send();
    assertThat(wildcard.header("Access-Control-Allow-Origin"))
        .isEqualTo("https://crm.partner.example.com");
  }

  @Test
  void letsThePagesOfAnAllowedOriginReadTheAnswerAndItsHeaders() {
    Reply reply = api.request("GET", "/dealStages/1").header("Origin", ORIGIN).send();
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
    assertThat(reply.header("Access-Control-Expose-Headers"))
        .contains("ETag", "X-Request-Id", "RateLimit", "Retry-After", "Location");
  }

  @Test
  void refusesOtherOrigins() {
    Reply preflight =
        api.anonymous()
            .request("OPTIONS", "/opportunities")
            .header("Origin", "https://evil.example.net")
            .header("Access-Control-Request-Method", "DELETE")
            .send();
    assertThat(preflight.status()).isEqualTo(403);
    assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
    assertThat(preflight.header("Content-Type")).startsWith("application/problem+json");
    assertThat(preflight.json().path("requestId").asString())
        .isEqualTo(preflight.header("X-Request-Id"));
  }

  @Test
  void theDocumentNamesThePublicUrlWhoeverFetchesIt() {
    Reply document =
        api.request("GET", "/v3/api-docs").header("X-Forwarded-Host", "other.example.net").send();
    assertThat(document.json().path("servers").size()).isEqualTo(1);
    assertThat(document.json().path("servers").path(0).path("url").asString())
        .isEqualTo("https://api.example.org/crm");
  }
}
