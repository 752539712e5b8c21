package com.leadgencrm.opportunities.web;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.method.HandlerMethod;

/**
 * Documents the request body of the operations whose method takes a {@link JsonBody}, and puts the
 * schemas of their input records among the components (springdoc, which leaves the hidden parameter
 * alone, resolves none of them).
 */
@Component
class JsonBodyDocs implements OperationCustomizer {

  private static final String COMPONENTS = "#/components/schemas/";

  private final Set<Class<? extends Record>> inputs = ConcurrentHashMap.newKeySet();

  @Override
  public Operation customize(Operation operation, HandlerMethod handler) {
    for (MethodParameter parameter : handler.getMethodParameters()) {
      JsonBody body = parameter.getParameterAnnotation(JsonBody.class);
      if (body == null) {
        continue;
      }
      inputs.add(body.value());
      String name = schemaName(body.value());
      if (handler.hasMethodAnnotation(MergePatchMapping.class)) {
        // the schema OpenApiConfiguration derives from XInput
        if (!name.endsWith("Input")) {
          throw new IllegalStateException(name + " is not named XInput: no XPatch derives from it");
        }
        name = name.substring(0, name.length() - "Input".length()) + "Patch";
      }
      Content content = new Content();
      RequestMapping mapping =
          AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
      String[] types =
          mapping == null || mapping.consumes().length == 0
              ? new String[] {org.springframework.http.MediaType.APPLICATION_JSON_VALUE}
              : mapping.consumes();
      for (String type : types) {
        content.addMediaType(type, new MediaType().schema(new Schema<>().$ref(COMPONENTS + name)));
      }
      operation.requestBody(new RequestBody().content(content).required(true));
    }
    return operation;
  }

  /**
   * Adds the schemas of the input records to the components, those springdoc resolved for another
   * reason staying as they are.
   */
  void addSchemas(OpenAPI openApi) {
    for (Class<? extends Record> input : inputs) {
      ModelConverters.getInstance()
          .read(input)
          .forEach(
              (name, schema) -> openApi.getComponents().getSchemas().putIfAbsent(name, schema));
    }
  }

  private static String schemaName(Class<?> input) {
    io.swagger.v3.oas.annotations.media.Schema schema =
        input.getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class);
    return schema == null || schema.name().isEmpty() ? input.getSimpleName() : schema.name();
  }
}
