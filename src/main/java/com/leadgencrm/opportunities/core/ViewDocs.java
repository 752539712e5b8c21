package com.leadgencrm.opportunities.core;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The documentation that the components of many views share, written once. Each annotation stands
 * for swagger's {@link Schema} on a record component: swagger reads a property's annotations
 * through Jackson, which unpacks a {@link JacksonAnnotationsInside} bundle (it holds no Jackson
 * annotation, so the JSON does not change).
 */
public final class ViewDocs {

  private ViewDocs() {}

  /**
   * On a record clients read: every component is a property it always carries, null exactly where
   * the component is {@code @Nullable}. The OpenAPI document says so from the type (the web
   * adapter's {@code RepresentationSchemas}), so a component's {@link Schema} need not.
   */
  @Retention(RUNTIME)
  @Target(TYPE)
  public @interface Representation {}

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
