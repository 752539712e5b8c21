package com.leadgencrm.opportunities.core;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The rules an input record declares: its Bean Validation constraints and, for records that have
 * them, the rules that span several properties ({@link CrossFieldRules}).
 */
@Component
public class InputRules {

  private final Validator validator;

  public InputRules(Validator validator) {
    this.validator = validator;
  }

  /**
   * What the record breaks, leaving out the properties that could not be read (a property given as
   * a string where a number belongs reads as null, and is not also "required").
   */
  public <T extends Record> List<InvalidField> check(T input, Set<String> unreadable) {
    List<InvalidField> errors = new ArrayList<>();
    for (ConstraintViolation<T> violation : validator.validate(input)) {
      String field = violation.getPropertyPath().toString();
      if (!unreadable.contains(field)) {
        errors.add(new InvalidField(field, violation.getMessage()));
      }
    }
    if (input instanceof CrossFieldRules rules) {
      for (InvalidField error : rules.crossFieldErrors()) {
        if (!unreadable.contains(error.field())) {
          errors.add(error);
        }
      }
    }
    return errors;
  }

  /**
   * The record of a submission that gives a whole resource, refused with every error at once (what
   * could not be read, properties the record does not have, the record's own rules, and {@code
   * more} the caller found) when anything is wrong.
   */
  public <T extends Record> T valid(Submitted<T> submitted, List<InvalidField> more) {
    submitted.requireObject();
    return checked(submitted.record(), submitted, more);
  }

  public <T extends Record> T valid(Submitted<T> submitted) {
    return valid(submitted, List.of());
  }

  /** The same for a merge patch of {@code current}. */
  public <T extends Record> T validPatch(Submitted<T> patch, T current, List<InvalidField> more) {
    patch.requireObject();
    return checked(patch.onto(current), patch, more);
  }

  public <T extends Record> T validPatch(Submitted<T> patch, T current) {
    return validPatch(patch, current, List.of());
  }

  private <T extends Record> T checked(T input, Submitted<T> submitted, List<InvalidField> more) {
    List<InvalidField> errors = new ArrayList<>(submitted.errors());
    errors.addAll(more);
    submitted
        .extra()
        .keySet()
        .forEach(name -> errors.add(new InvalidField(name, "is not a property of this resource")));
    errors.addAll(check(input, submitted.unreadable()));
    InvalidInput.ifAny(errors);
    return input;
  }
}
