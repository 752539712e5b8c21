package com.leadgencrm.opportunities.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.ContractFields;
import com.leadgencrm.opportunities.support.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Writes the running service's OpenAPI document, with the custom fields of {@link ContractFields},
 * to {@code target/openapi/opportunities.json}: the build generates the Java and TypeScript clients
 * of the integration tests from it. Runs first, while no other test's custom fields exist, so the
 * document is the same on every run; the fields are deleted again afterwards.
 */
@IntegrationTest
@Order(1)
class LiveDocumentTest {

  static final Path DOCUMENT =
      Path.of(System.getProperty("contract.document", "target/openapi/opportunities.json"));

  @Autowired Api api;

  @Test
  void writesTheDocumentTheClientsAreGeneratedFrom() throws IOException {
    List<Long> fields = ContractFields.ensure(api);
    try {
      Api.Reply reply = api.get("/v3/api-docs");
      assertThat(reply.status()).isEqualTo(200);
      JsonNode document = reply.json();
      JsonNode opportunity =
          document.path("components").path("schemas").path("Opportunity").path("properties");
      assertThat(ContractFields.FIELDS.keySet()).allMatch(opportunity::has);
      Files.createDirectories(DOCUMENT.toAbsolutePath().getParent());
      Files.writeString(
          DOCUMENT, Api.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document));
    } finally {
      fields.forEach(id -> api.delete("/fields/" + id));
    }
    assertThat(
            api.get("/v3/api-docs")
                .json()
                .path("components")
                .path("schemas")
                .path("Opportunity")
                .path("properties")
                .has("contract_type"))
        .as("deleted fields leave the document")
        .isFalse();
  }
}
