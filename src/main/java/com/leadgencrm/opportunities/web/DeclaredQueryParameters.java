package com.leadgencrm.opportunities.web;

import com.leadgencrm.opportunities.core.InvalidField;
import com.leadgencrm.opportunities.core.InvalidInput;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Every operation of the REST API takes only the query parameters it declares, each once, none
 * empty: an unknown parameter ({@code ?atomc=true}), a repeated one ({@code
 * ?atomic=false&atomic=true}) or an empty value ({@code ?atomic=}, {@code ?moveTo=}) is 400, naming
 * each, rather than an operation run with a default the client did not mean. Lists check their
 * parameters themselves ({@link QueryParameters}: they know more than they declare, custom-field
 * filters); for them this only refuses empty values of the parameters they declare with
 * {@code @RequestParam} that are not text, as their parameter records do.
 */
@Component
class DeclaredQueryParameters implements HandlerInterceptor {

  private static final String BASE_PACKAGE =
      DeclaredQueryParameters.class.getPackageName().replaceFirst("\\.web$", "");

  /** The query parameters of an operation, with their types. */
  private record Declared(boolean checksItself, Map<String, Class<?>> parameters) {}

  private static final ParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();

  private final Map<Method, Declared> operations = new ConcurrentHashMap<>();

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (!(handler instanceof HandlerMethod operation)
        || request.getDispatcherType() != DispatcherType.REQUEST
        || !operation.getBeanType().getPackageName().startsWith(BASE_PACKAGE)) {
      return true;
    }
    Declared declared = operations.computeIfAbsent(operation.getMethod(), m -> declared(operation));
    List<InvalidField> errors = new ArrayList<>();
    request
        .getParameterMap()
        .forEach(
            (name, values) -> {
              Class<?> type = declared.parameters().get(name);
              if (declared.checksItself()) {
                if (type != null && type != String.class && hasEmpty(values)) {
                  errors.add(new InvalidField(name, BindingMessages.typeMessage(type)));
                }
              } else if (type == null) {
                errors.add(new InvalidField(name, "is not a query parameter of this operation"));
              } else if (values.length > 1) {
                errors.add(new InvalidField(name, "must be given once"));
              } else if (hasEmpty(values)) {
                errors.add(
                    new InvalidField(
                        name,
                        type == String.class
                            ? "must not be empty"
                            : BindingMessages.typeMessage(type)));
              }
            });
    InvalidInput.ifAny(errors);
    return true;
  }

  private static boolean hasEmpty(String[] values) {
    for (String value : values) {
      if (value.isBlank()) {
        return true;
      }
    }
    return false;
  }

  private static Declared declared(HandlerMethod operation) {
    Map<String, Class<?>> parameters = new HashMap<>();
    boolean checksItself = false;
    for (MethodParameter parameter : operation.getMethodParameters()) {
      if (parameter.getParameterType() == QueryParameters.class) {
        // every parameter of the request, which the operation checks itself
        checksItself = true;
        continue;
      }
      RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
      if (param == null) {
        continue;
      }
      parameter.initParameterNameDiscovery(NAMES);
      String name = StringUtils.hasText(param.name()) ? param.name() : parameter.getParameterName();
      parameters.put(name, parameter.getParameterType());
    }
    return new Declared(checksItself, Map.copyOf(parameters));
  }
}
