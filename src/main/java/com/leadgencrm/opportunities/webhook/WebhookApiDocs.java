package com.leadgencrm.opportunities.webhook;

import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
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
}
