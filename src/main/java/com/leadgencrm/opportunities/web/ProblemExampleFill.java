package com.leadgencrm.opportunities.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.MediaType;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Every problem response of the document has an example of its own, also those a feature documents
 * itself (the 410 of an expired feed position, say).
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class ProblemExampleFill implements ApiDocumentPass {

  @Override
  public void apply(OpenAPI document, @Nullable Object state) {
    document
        .getPaths()
        .forEach(
            (path, item) ->
                item.readOperations()
                    .forEach(
                        operation ->
                            operation
                                .getResponses()
                                .forEach(
                                    (status, response) -> {
                                      MediaType problem =
                                          response.getContent() == null
                                              ? null
                                              : response
                                                  .getContent()
                                                  .get("application/problem+json");
                                      if (problem != null
                                          && problem.getExample() == null
                                          && status.matches("[45]\\d\\d")) {
                                        problem.setExample(
                                            ProblemExamples.of(
                                                Integer.parseInt(status),
                                                path,
                                                operation.getRequestBody() != null));
                                      }
                                    })));
  }
}
