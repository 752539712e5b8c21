package com.leadgencrm.opportunities.web;

import com.leadgencrm.opportunities.query.ListParameterDocs.SortKeys;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.springdoc.core.customizers.ParameterCustomizer;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;

/**
 * Documents every {@code sort} parameter from its {@link SortKeys}: the description, and the
 * allowed values, each key alone, with {@code ,asc} and with {@code ,desc}.
 */
@Component
class SortParameterDocs implements ParameterCustomizer {

  @Override
  @SuppressWarnings("unchecked")
  public Parameter customize(Parameter parameter, MethodParameter declared) {
    SortKeys sort = declared.getParameterAnnotation(SortKeys.class);
    if (sort == null || parameter.getSchema() == null) {
      return parameter;
    }
    String byDefault = sort.byDefault().isEmpty() ? sort.value()[0] : sort.byDefault();
    parameter.setDescription(
        "Sort key, optionally followed by ,asc (the default) or ,desc; "
            + byDefault
            + " when left out"
            + (sort.note().isEmpty() ? "" : ". " + sort.note()));
    List<Object> values = new ArrayList<>();
    for (String key : sort.value()) {
      values.addAll(List.of(key, key + ",asc", key + ",desc"));
    }
    ((Schema<Object>) parameter.getSchema()).setEnum(values);
    return parameter;
  }
}
