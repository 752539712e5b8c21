package com.leadgencrm.opportunities.webhook;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.callbacks.Callback;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/** Webhooks in the OpenAPI document, where the annotations cannot say it. */
@Configuration(proxyBeanMethods = false)
class WebhookApiDocs {

  @Bean
  @Order(Ordered.LOWEST_PRECEDENCE)
  @SuppressWarnings({"rawtypes", "unchecked"})
  OpenApiCustomizer webhookSchemas() {
    return openApi -> {
      Map<String, Schema> schemas = openApi.getComponents().getSchemas();
      Schema webhook = schemas.get("Webhook");
      if (webhook != null && webhook.getProperties() != null) {
        // the secret beside every property of the webhook (Jackson unwraps it)
        Schema withSecret = schemas.get("WebhookWithSecret");
        Map<String, Schema> properties = new LinkedHashMap<>(webhook.getProperties());
        properties.put(
            "secret",
            new StringSchema()
                .description(
                    "Standard Webhooks secret, shown this once: verify webhook-signature with the "
                        + "base64-decoded part after whsec_")
                .example("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw4vIO5nOzh7s="));
        withSecret.setProperties(properties);
        List<String> required = new ArrayList<>(webhook.getRequired());
        required.add("secret");
        withSecret.setRequired(required);
      }
      var create = openApi.getPaths().get("/webhooks");
      if (create != null && create.getPost() != null) {
        create.getPost().addCallback("event", delivery());
      }
      var rotate = openApi.getPaths().get("/webhooks/{id}/rotateSecret");
      if (rotate != null && rotate.getPost() != null) {
        // a rotation answers 200: it creates no resource
        ApiResponses responses = rotate.getPost().getResponses();
        ApiResponse created = responses.remove("201");
        if (created != null) {
          created.setDescription("The webhook and its new secret");
          if (created.getHeaders() != null) {
            created.getHeaders().remove("Location");
          }
          responses.addApiResponse("200", created);
        }
      }
    };
  }

  /** What the endpoint receives: the POST of each event, as an OpenAPI callback. */
  private static Callback delivery() {
    Operation post =
        new Operation()
            .summary("An event, delivered to the webhook's url (Standard Webhooks 1.0)")
            .description(
                "Answer 2xx within 10 s; anything else is retried after about 5 s, 5 min, "
                    + "30 min, 2 h, 5 h, 10 h and 10 h. Verify webhook-signature before trusting "
                    + "the body, and deduplicate on webhook-id (at least once).")
            .addParametersItem(
                header("webhook-id", "The event id: the same on every retry", "1234"))
            .addParametersItem(
                header("webhook-timestamp", "Unix seconds of the attempt", "1764000000"))
            .addParametersItem(
                header(
                    "webhook-signature",
                    "v1,<base64 HMAC-SHA256 of \"<webhook-id>.<webhook-timestamp>.<body>\"> keyed with "
                        + "the base64-decoded secret after whsec_; two, space-separated, for 24 h "
                        + "after a rotation",
                    "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4="))
            .requestBody(
                new RequestBody()
                    .required(true)
                    .content(
                        new Content()
                            .addMediaType(
                                "application/json",
                                new MediaType()
                                    .schema(new Schema<>().$ref("#/components/schemas/Event")))))
            .responses(
                new ApiResponses()
                    .addApiResponse("2XX", new ApiResponse().description("Received: no retry"))
                    .addApiResponse(
                        "4XX",
                        new ApiResponse()
                            .description(
                                "Not received: retried on the schedule, like a 5XX, a timeout or a"
                                    + " refused connection")));
    return new Callback().addPathItem("{$request.body#/url}", new PathItem().post(post));
  }

  private static HeaderParameter header(String name, String description, String example) {
    HeaderParameter header = new HeaderParameter();
    header.name(name).required(true).description(description).example(example);
    header.schema(new StringSchema());
    return header;
  }
}
