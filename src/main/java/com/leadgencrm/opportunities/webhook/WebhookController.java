package com.leadgencrm.opportunities.webhook;

import com.leadgencrm.opportunities.json.JsonInput;
import com.leadgencrm.opportunities.query.Page;
import com.leadgencrm.opportunities.web.IfMatchParameter;
import com.leadgencrm.opportunities.web.JsonBody;
import com.leadgencrm.opportunities.web.MergePatchMapping;
import com.leadgencrm.opportunities.web.QueryParameters;
import com.leadgencrm.opportunities.web.Responses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping(path = "/webhooks", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
    name = "Webhooks",
    description =
        "Endpoints that receive events as they happen, signed (Standard Webhooks 1.0). "
            + "Administrators and Company managers.")
class WebhookController {

  private final WebhookService webhooks;

  WebhookController(WebhookService webhooks) {
    this.webhooks = webhooks;
  }

  @GetMapping
  @Operation(operationId = "listWebhooks", summary = "List webhooks")
  Page<WebhookView> list(@ParameterObject WebhookListParams params, QueryParameters query) {
    query.check(WebhookListParams.class);
    return webhooks.list(params.limit(), params.cursor());
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "createWebhook",
      summary = "Create a webhook",
      description =
          """
          The answer holds the signing secret, shown this once. The endpoint receives the events \
          of its types committed from now on, each as a POST of the event JSON with webhook-id, \
          webhook-timestamp and webhook-signature headers; a non-2xx answer, a timeout (10 s) or \
          a refused connection is retried after about 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and \
          10 h.""")
  ResponseEntity<WebhookWithSecret> create(
      @RequestBody @JsonBody(WebhookInput.class) JsonNode body) {
    return Responses.created(
        webhooks.create(JsonInput.read(body, WebhookInput.class)),
        created -> "/webhooks/" + created.webhook().id());
  }

  @GetMapping("/{id}")
  @Operation(operationId = "getWebhook", summary = "Read a webhook")
  @Nullable ResponseEntity<WebhookView> get(@PathVariable long id, WebRequest request) {
    return Responses.unlessNotModified(request, webhooks.get(id));
  }

  @MergePatchMapping(path = "/{id}")
  @Operation(
      operationId = "patchWebhook",
      summary = "Change a webhook (JSON Merge Patch): url, types, description, isActive",
      description = "Reactivating (isActive: true) continues from the event where it stopped.")
  ResponseEntity<WebhookView> patch(
      @PathVariable long id,
      @RequestBody @JsonBody(WebhookInput.class) JsonNode patch,
      IfMatchParameter ifMatch) {
    return Responses.ok(
        webhooks.update(id, JsonInput.patch(patch, WebhookInput.class), ifMatch.parse()));
  }

  @DeleteMapping("/{id}")
  @Operation(operationId = "deleteWebhook", summary = "Delete a webhook and its deliveries")
  ResponseEntity<Void> delete(@PathVariable long id, IfMatchParameter ifMatch) {
    webhooks.delete(id, ifMatch.parse());
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/{id}/rotateSecret")
  @Operation(
      operationId = "rotateWebhookSecret",
      summary = "Replace the signing secret",
      description =
          "Answers the new secret, shown this once. For 24 hours deliveries carry two v1 "
              + "signatures, with the new secret and with the old one.")
  @ApiResponse(
      responseCode = "200",
      description = "The webhook and its new secret",
      content = @Content(schema = @Schema(implementation = WebhookWithSecret.class)))
  ResponseEntity<WebhookWithSecret> rotateSecret(@PathVariable long id) {
    return Responses.ok(webhooks.rotateSecret(id));
  }

  @PostMapping(path = "/{id}/replay", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "replayWebhook",
      summary = "Send events again",
      description =
          "The events after `after` (of the webhook's types, within the feed's retention) are "
              + "delivered again, whatever became of them before; 410 when some are past the "
              + "retention.")
  @ApiResponse(
      responseCode = "202",
      description = "The events will be sent again",
      content = @Content(schema = @Schema(implementation = ReplayView.class)))
  ResponseEntity<ReplayView> replay(
      @PathVariable long id, @RequestBody @JsonBody(ReplayInput.class) JsonNode body) {
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(webhooks.replay(id, JsonInput.read(body, ReplayInput.class)));
  }

  @GetMapping("/{id}/deliveries")
  @Operation(
      operationId = "listWebhookDeliveries",
      summary = "A webhook's deliveries, newest first, with every attempt")
  Page<DeliveryView> deliveries(
      @PathVariable long id, @ParameterObject DeliveryListParams params, QueryParameters query) {
    query.check(DeliveryListParams.class);
    return webhooks.deliveries(id, params.status(), params.limit(), params.cursor());
  }
}
