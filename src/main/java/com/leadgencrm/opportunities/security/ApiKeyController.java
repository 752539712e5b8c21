package com.leadgencrm.opportunities.security;

import com.leadgencrm.opportunities.core.Role;
import com.leadgencrm.opportunities.json.JsonInput;
import com.leadgencrm.opportunities.query.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping(path = "/apiKeys", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "API keys", description = "Credentials of callers (Administrators only)")
class ApiKeyController {

  private final ApiKeyService keys;

  ApiKeyController(ApiKeyService keys) {
    this.keys = keys;
  }

  @GetMapping
  @Operation(
      operationId = "listApiKeys",
      summary = "List API keys",
      description = "Never shows secrets.")
  Page<ApiKeyView> list(
      @Parameter(description = "Only keys of this user") @RequestParam(required = false)
          @Nullable Long userID,
      @Parameter(
              description = "Only keys of this role",
              schema = @Schema(implementation = Role.class))
          @RequestParam(required = false)
          @Nullable String role) {
    return keys.list(userID, role);
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "createApiKey",
      summary = "Create an API key",
      description = "The answer holds the secret: the only time it is shown.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      required = true,
      content = @Content(schema = @Schema(implementation = ApiKeyInput.class)))
  ResponseEntity<CreatedApiKey> create(@RequestBody JsonNode body) {
    CreatedApiKey created = keys.create(JsonInput.read(body, ApiKeyInput.class));
    return ResponseEntity.created(URI.create("/apiKeys/" + created.id())).body(created);
  }

  @GetMapping("/{id}")
  @Operation(operationId = "getApiKey", summary = "Read an API key")
  ApiKeyView get(@PathVariable String id) {
    return keys.get(id);
  }

  @DeleteMapping("/{id}")
  @Operation(
      operationId = "revokeApiKey",
      summary = "Revoke an API key",
      description =
          "Effective at once on the instance that answers, and within 100 ms on every other"
              + " (the key cache's max staleness). The key stays listed, marked revoked.")
  ResponseEntity<Void> revoke(@PathVariable String id) {
    keys.revoke(id);
    return ResponseEntity.noContent().build();
  }
}
