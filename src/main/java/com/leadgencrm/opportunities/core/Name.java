package com.leadgencrm.opportunities.core;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A name people give a resource (an opportunity's, a stage's, a pipeline's, a field's label):
 * required, not blank, at most 255 characters. A composed Bean Validation constraint, so each rule
 * it holds answers with its own message; and a Jackson bundle, so the OpenAPI document reads the
 * same rules as if they stood on the component ({@link RecordShape} sees the {@code @NotNull} too).
 */
@NotNull(message = "is required")
@Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
@Size(min = 1, max = 255)
@Constraint(validatedBy = {})
@JacksonAnnotationsInside
@Target({FIELD, METHOD, PARAMETER})
@Retention(RUNTIME)
public @interface Name {

  String message() default "";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
