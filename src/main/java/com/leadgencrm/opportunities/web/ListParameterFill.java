package com.leadgencrm.opportunities.web;

import com.leadgencrm.opportunities.query.ListParameterDocs;
import com.leadgencrm.opportunities.query.ListParameterDocs.OneOf;
import com.leadgencrm.opportunities.query.ListParameterDocs.SortKeys;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springdoc.core.customizers.ParameterCustomizer;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;

/**
 * Fills in the parameter documentation that {@link ListParameterDocs} derives: of every {@code
 * sort} ({@link SortKeys}), the description and the allowed values, each key alone, with {@code
 * ,asc} and with {@code ,desc}; of every {@link OneOf} parameter, the enum's constants in lower
 * case.
 */
@Component
class ListParameterFill implements ParameterCustomizer {

  @Override
  public Parameter customize(Parameter parameter, MethodParameter declared) {
    SortKeys sort = declared.getParameterAnnotation(SortKeys.class);
    if (sort != null) {
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
      allow(parameter, values);
    }
    OneOf oneOf = declared.getParameterAnnotation(OneOf.class);
    if (oneOf != null) {
      List<Object> values = new ArrayList<>();
      for (Enum<?> constant : oneOf.value().getEnumConstants()) {
        values.add(constant.name().toLowerCase(Locale.ROOT));
      }
      allow(parameter, values);
    }
    return parameter;
  }

  @SuppressWarnings("unchecked")
  private static void allow(Parameter parameter, List<Object> values) {
    if (parameter.getSchema() != null) {
      ((Schema<Object>) parameter.getSchema()).setEnum(values);
    }
  }
}
