package com.leadgencrm.opportunities.web;

import io.swagger.v3.oas.models.OpenAPI;
import org.jspecify.annotations.Nullable;

/**
 * A change to the OpenAPI document made after springdoc and every {@code OpenApiCustomizer}, each
 * time the document is built, in {@code @Order}. A pass may document run-time state (the custom
 * fields of opportunities): the document is rebuilt whenever that state changes.
 */
public interface ApiDocumentPass {

  /**
   * The run-time state this pass documents, read for every request of the document: when it is not
   * the very object it was the last time, the document is built again. Null for none.
   */
  default @Nullable Object state() {
    return null;
  }

  /** Changes a freshly built document, given the state read for this build. */
  void apply(OpenAPI document, @Nullable Object state);
}
