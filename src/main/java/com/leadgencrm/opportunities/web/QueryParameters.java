package com.leadgencrm.opportunities.web;

import com.leadgencrm.opportunities.core.InvalidField;
import com.leadgencrm.opportunities.core.InvalidInput;
import com.leadgencrm.opportunities.core.RecordShape;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.util.MultiValueMap;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/** Checks a list request's query parameters against the ones the list declares. */
public final class QueryParameters {

  private QueryParameters() {}

  /**
   * Fails, naming every offending parameter at once, when the query holds parameters the list does
   * not know, repeats one that takes a single value, or gives values that do not bind or validate
   * ({@link QueryRecords}). List parameters may repeat ({@code ownerID=7&ownerID=9}).
   */
  public static void check(MultiValueMap<String, String> query, Class<? extends Record> declared) {
    check(query, declared, name -> false);
  }

  /** The same, for lists that know more parameters than they declare (custom fields). */
  public static void check(
      MultiValueMap<String, String> query,
      Class<? extends Record> declared,
      Predicate<String> alsoKnown) {
    RecordShape<? extends Record> shape = RecordShape.of(declared);
    List<InvalidField> errors = new ArrayList<>(bindingErrors());
    for (var entry : query.entrySet()) {
      String name = entry.getKey();
      RecordShape.Component component = shape.component(name);
      if (component == null && !alsoKnown.test(name)) {
        errors.add(new InvalidField(name, "is not a query parameter of this list"));
      } else if (entry.getValue().size() > 1
          && (component == null || !List.class.isAssignableFrom(component.type()))) {
        errors.add(new InvalidField(name, "must be given once"));
      }
    }
    if (!errors.isEmpty()) {
      errors.sort(Comparator.comparing(InvalidField::field));
      throw new InvalidInput(errors);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<InvalidField> bindingErrors() {
    RequestAttributes request = RequestContextHolder.getRequestAttributes();
    Object errors =
        request == null
            ? null
            : request.getAttribute(QueryRecords.ERRORS, RequestAttributes.SCOPE_REQUEST);
    return errors instanceof List<?> list ? (List<InvalidField>) list : List.of();
  }
}
