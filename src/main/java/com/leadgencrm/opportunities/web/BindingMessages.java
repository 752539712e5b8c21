package com.leadgencrm.opportunities.web;

import com.leadgencrm.opportunities.core.InvalidField;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.method.annotation.HandlerMethodValidationException;

/** What Spring MVC's binding errors tell a client, in the service's words. */
final class BindingMessages {

  private BindingMessages() {}

  static List<InvalidField> errors(BindingResult result) {
    List<InvalidField> errors = new ArrayList<>();
    for (FieldError error : result.getFieldErrors()) {
      errors.add(new InvalidField(error.getField(), message(error)));
    }
    result.getGlobalErrors().forEach(error -> errors.add(new InvalidField("", message(error))));
    errors.sort(Comparator.comparing(InvalidField::field));
    return errors;
  }

  /** The errors of a handler method's validated parameters, named by field or parameter. */
  static List<InvalidField> errors(HandlerMethodValidationException e) {
    List<InvalidField> errors = new ArrayList<>();
    e.getParameterValidationResults()
        .forEach(
            result -> {
              String name = result.getMethodParameter().getParameterName();
              for (MessageSourceResolvable error : result.getResolvableErrors()) {
                String field =
                    error instanceof FieldError fieldError ? fieldError.getField() : name;
                errors.add(new InvalidField(field == null ? "" : field, message(error)));
              }
            });
    errors.sort(Comparator.comparing(InvalidField::field));
    return errors;
  }

  static String message(MessageSourceResolvable error) {
    if (error instanceof FieldError fieldError && fieldError.isBindingFailure()) {
      Class<?> type = null;
      try {
        Object source = fieldError.unwrap(TypeMismatchException.class);
        type = ((TypeMismatchException) source).getRequiredType();
      } catch (IllegalArgumentException ignored) {
        // not a type mismatch: fall back to a general message
      }
      return typeMessage(type);
    }
    String message = error.getDefaultMessage();
    return message != null ? message : "is invalid";
  }

  static String typeMessage(@Nullable Class<?> type) {
    if (type == null) {
      return "has an invalid value";
    }
    if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
      return "must be an integer";
    }
    if (java.util.List.class.isAssignableFrom(type)) {
      return "must be integers, comma-separated or repeated";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "must be true or false";
    }
    if (type == java.math.BigDecimal.class) {
      return "must be a number";
    }
    if (type == java.time.Instant.class || type == java.time.OffsetDateTime.class) {
      return "must be a date-time with offset such as 2026-12-31T17:00:00Z, or a date such as 2026-12-31";
    }
    return "has an invalid value";
  }
}
