package com.leadgencrm.opportunities.web;

import io.swagger.v3.oas.annotations.Parameter;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The JSON body of a write, on the controller method's {@code @RequestBody JsonNode} parameter: the
 * input record the method reads it into ({@code JsonInput.read} or {@code patch}). The body is
 * documented from it ({@link JsonBodyDocs}), required, in each media type the mapping consumes: as
 * the record's schema, or, for a {@link MergePatchMapping}, as the merge patch derived from it
 * ({@code XInput} gives {@code XPatch}).
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
// springdoc would document the JsonNode
@Parameter(hidden = true)
public @interface JsonBody {

  /** The input record the body is read into. */
  Class<? extends Record> value();
}
