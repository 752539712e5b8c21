package com.leadgencrm.opportunities.web;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.util.MultiValueMap;
import org.springframework.validation.BindingResult;

/** Checks a list request's query parameters against the ones the list declares. */
public final class QueryParameters {

  private QueryParameters() {}

  /**
   * Fails, naming every offending parameter at once, when the query holds parameters the list does
   * not know, repeats one, or gives values that do not bind or validate.
   */
  public static void check(
      MultiValueMap<String, String> query,
      Class<? extends Record> declared,
      BindingResult binding) {
    check(query, declared, binding, name -> false);
  }

  public static void check(
      MultiValueMap<String, String> query,
      Class<? extends Record> declared,
      BindingResult binding,
      Predicate<String> alsoKnown) {
    check(query, declared, ProblemAdvice.errors(binding), alsoKnown);
  }

  /**
   * For lists whose parameters are bound one by one: only unknown and repeated ones are checked.
   */
  public static void check(MultiValueMap<String, String> query, Class<? extends Record> declared) {
    check(query, declared, List.of(), name -> false);
  }

  private static void check(
      MultiValueMap<String, String> query,
      Class<? extends Record> declared,
      List<InvalidField> bindingErrors,
      Predicate<String> alsoKnown) {
    List<String> names = new ArrayList<>();
    for (RecordComponent component : declared.getRecordComponents()) {
      names.add(component.getName());
    }
    List<InvalidField> errors = new ArrayList<>(bindingErrors);
    for (var entry : query.entrySet()) {
      String name = entry.getKey();
      if (!names.contains(name) && !alsoKnown.test(name)) {
        errors.add(new InvalidField(name, "is not a query parameter of this list"));
      } else if (entry.getValue().size() > 1) {
        errors.add(
            new InvalidField(name, "must be given once (separate several values with commas)"));
      }
    }
    if (!errors.isEmpty()) {
      errors.sort(java.util.Comparator.comparing(InvalidField::field));
      throw new InvalidRequest(errors);
    }
  }
}
