package com.leadgencrm.opportunities.web;

import com.leadgencrm.opportunities.core.InvalidField;
import com.leadgencrm.opportunities.core.InvalidInput;
import com.leadgencrm.opportunities.core.RecordShape;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Every query parameter of a list request, as the controller method takes it ({@code
 * QueryParameters query}): bound whole from the request and left out of the document (the list's
 * parameter record documents them), to be checked against the ones the list declares and to
 * fingerprint its filters.
 */
public final class QueryParameters {

  private final MultiValueMap<String, String> all;

  private QueryParameters(MultiValueMap<String, String> all) {
    this.all = all;
  }

  /** Every parameter with every value, as the request gives them. */
  public MultiValueMap<String, String> all() {
    return all;
  }

  /** {@link #check(MultiValueMap, Class, Predicate)} of this query, knowing only the record. */
  public void check(Class<? extends Record> declared) {
    check(all, declared, name -> false);
  }

  /** {@link #check(MultiValueMap, Class, Predicate)} of this query. */
  public void check(Class<? extends Record> declared, Predicate<String> alsoKnown) {
    check(all, declared, alsoKnown);
  }

  /** The parameter of a request: its query, as {@code @RequestParam MultiValueMap} binds it. */
  static QueryParameters of(NativeWebRequest request) {
    MultiValueMap<String, String> all = new LinkedMultiValueMap<>();
    request.getParameterMap().forEach((name, values) -> all.addAll(name, List.of(values)));
    return new QueryParameters(all);
  }

  /**
   * Fails, naming every offending parameter at once, when the query holds parameters the list does
   * not know (neither declared nor {@code alsoKnown}, as custom fields are), repeats one that takes
   * a single value, or gives values that do not bind or validate ({@link QueryRecords}). List
   * parameters may repeat ({@code ownerID=7&ownerID=9}).
   */
  private static void check(
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
