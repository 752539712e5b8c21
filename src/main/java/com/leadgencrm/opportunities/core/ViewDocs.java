package com.leadgencrm.opportunities.core;

import static java.lang.annotation.RetentionPolicy.RUNTIME;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.annotation.Retention;

/**
 * The documentation that the components of many views share, written once. Each annotation stands
 * for swagger's {@link Schema} on a record component: swagger reads a property's annotations
 * through Jackson, which unpacks a {@link JacksonAnnotationsInside} bundle (it holds no Jackson
 * annotation, so the JSON does not change).
 */
public final class ViewDocs {

  private ViewDocs() {}

  /** A property every representation carries (null where it may be), with nothing else to say. */
  @Retention(RUNTIME)
  @JacksonAnnotationsInside
  @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
  public @interface Required {}

  /** {@code createTimestamp}, {@code updateTimestamp}: always there, UTC. */
  @Retention(RUNTIME)
  @JacksonAnnotationsInside
  @Schema(example = "2026-11-28T09:30:00Z", requiredMode = Schema.RequiredMode.REQUIRED)
  public @interface Timestamp {}
}
