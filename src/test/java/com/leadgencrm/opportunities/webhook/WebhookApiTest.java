package com.leadgencrm.opportunities.webhook;

import static com.leadgencrm.opportunities.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.core.Role;
import com.leadgencrm.opportunities.security.Keys;
import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.IntegrationTest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Managing webhook endpoints: /webhooks as a client sees it. */
@IntegrationTest
class WebhookApiTest {

  @Autowired Api api;

  static final String URL = "https://crm.example.com/hooks/opportunities";

  @Test
  void aWebhookIsCreatedWithItsSecretShownOnceReadChangedAndDeleted() {
    Api.Reply created =
        api.post(
            "/webhooks",
            json(Map.of("url", URL, "types", List.of("opportunity.*", "dealStage.deleted"))));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    long id = created.id();
    assertThat(created.header("Location")).isEqualTo("/webhooks/" + id);
    assertThat(created.header("ETag")).isNotNull();
    JsonNode body = created.json();
    String secret = body.path("secret").asString();
    assertThat(secret).startsWith("whsec_");
    assertThat(Base64.getDecoder().decode(secret.substring("whsec_".length()))).hasSize(32);
    assertThat(body.path("isActive").asBoolean()).isTrue();
    assertThat(body.path("types").toString())
        .isEqualTo("[\"opportunity.*\",\"dealStage.deleted\"]");
    assertThat(body.path("description").isNull()).isTrue();

    Api.Reply read = api.get("/webhooks/" + id);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json().has("secret")).isFalse();
    assertThat(read.json().path("url").asString()).isEqualTo(URL);
    assertThat(
            api.request("GET", "/webhooks/" + id)
                .header("If-None-Match", read.header("ETag"))
                .send()
                .status())
        .isEqualTo(304);

    Api.Reply patched =
        api.patch(
            "/webhooks/" + id,
            "{\"types\": [\"field.created\"], \"isActive\": false, \"description\": \"Sync\"}");
    assertThat(patched.status()).as(patched.body()).isEqualTo(200);
    assertThat(patched.json().path("types").toString()).isEqualTo("[\"field.created\"]");
    assertThat(patched.json().path("isActive").asBoolean()).isFalse();
    assertThat(patched.json().path("description").asString()).isEqualTo("Sync");
    assertThat(patched.json().path("url").asString()).isEqualTo(URL);
    assertThat(
            api.request("DELETE", "/webhooks/" + id)
                .header("If-Match", read.header("ETag"))
                .send()
                .status())
        .isEqualTo(412);

    assertThat(api.get("/webhooks?limit=500").json().path("items").toString())
        .contains("\"id\":" + id + ",");

    Api.Reply rotated = api.post("/webhooks/" + id + "/rotateSecret", "");
    assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
    assertThat(rotated.json().path("secret").asString()).startsWith("whsec_").isNotEqualTo(secret);
    assertThat(rotated.json().path("previousSecretExpiresAt").asString()).endsWith("Z");

    assertThat(api.delete("/webhooks/" + id).status()).isEqualTo(204);
    assertThat(api.get("/webhooks/" + id).status()).isEqualTo(404);
    assertThat(api.get("/webhooks/" + id + "/deliveries").status()).isEqualTo(404);
  }

  @Test
  void invalidInputNamesEveryOffendingProperty() {
    Api.Reply invalid =
        api.post(
            "/webhooks",
            json(
                Map.of(
                    "url", "ftp://crm.example.com/x",
                    "types", List.of("opportunity.exploded"),
                    "description", "x".repeat(256),
                    "isActive", "yes",
                    "secret", "whsec_mine",
                    "colour", "red")));
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.errorFields())
        .containsExactly("colour", "description", "isActive", "secret", "types", "url");
    assertThat(api.post("/webhooks", "{}").errorFields()).containsExactly("types", "url");
    assertThat(api.post("/webhooks", json(Map.of("url", URL, "types", List.of()))).errorFields())
        .containsExactly("types");
    long id = api.post("/webhooks", json(Map.of("url", URL, "types", List.of("field.*")))).id();
    assertThat(api.patch("/webhooks/" + id, "{\"url\": null}").errorFields())
        .containsExactly("url");
    assertThat(api.post("/webhooks/" + id + "/replay", "{\"after\": -1}").errorFields())
        .containsExactly("after");
    assertThat(api.post("/webhooks/" + id + "/replay", "{}").errorFields())
        .containsExactly("after");
    assertThat(api.get("/webhooks/" + id + "/deliveries?status=lost").errorFields())
        .containsExactly("status");
    api.delete("/webhooks/" + id);
  }

  @Test
  void onlyAdministratorsAndCompanyManagersManageWebhooks() {
    String body = json(Map.of("url", URL, "types", List.of("field.*")));
    Api manager = Keys.client(api, Role.COMPANY_MANAGER, 5);
    Api.Reply created = manager.post("/webhooks", body);
    assertThat(created.status()).isEqualTo(201);
    for (Role role :
        List.of(
            Role.SALES_MANAGER, Role.MARKETING_MANAGER, Role.SALESPERSON, Role.JR_SALESPERSON)) {
      Api other = Keys.client(api, role, 5);
      assertThat(other.post("/webhooks", body).status()).as(role.name()).isEqualTo(403);
      assertThat(other.get("/webhooks").status()).as(role.name()).isEqualTo(403);
      assertThat(other.get("/webhooks/" + created.id() + "/deliveries").status()).isEqualTo(403);
    }
    assertThat(manager.delete("/webhooks/" + created.id()).status()).isEqualTo(204);
    assertThat(api.anonymous().get("/webhooks").status()).isEqualTo(401);
  }
}
