package com.leadgencrm.opportunities.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The last pass over the OpenAPI document, after every part of it is in place (the wire protocol's
 * schemas too): what generators and linters need of it, whoever wrote the part.
 *
 * <ul>
 *   <li>the wire protocol's endpoints get an operationId each (springdoc numbers the second path of
 *       one method: {@code pubapi_1});
 *   <li>a schema without a type does not say {@code nullable} (OpenAPI 3.0 only allows it beside a
 *       type; a typeless schema admits null anyway);
 *   <li>patterns are ECMA-262 regular expressions, as JSON Schema has them, not Java ones: Bean
 *       Validation's "not blank" {@code (?s).*\S.*} (a whole-string match) is {@code \S} (a
 *       search).
 * </ul>
 */
@Component
@Order(100)
class DocumentCleanup implements ApiDocumentPass {

  /** Java regular expressions and the ECMA-262 ones that match the same values. */
  static final Map<String, String> PATTERNS = Map.of("(?s).*\\S.*", "\\S");

  @Override
  public void apply(OpenAPI document, @Nullable Object state) {
    document
        .getPaths()
        .forEach(
            (path, item) -> {
              if (path.startsWith("/pubapi/")) {
                item.readOperations()
                    .forEach(operation -> operation.setOperationId(wireOperationId(path)));
              }
            });
    Set<Schema<?>> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    if (document.getComponents().getSchemas() != null) {
      document.getComponents().getSchemas().values().forEach(schema -> clean(schema, seen));
    }
    document
        .getPaths()
        .values()
        .forEach(
            item ->
                item.readOperations()
                    .forEach(
                        operation -> {
                          if (operation.getParameters() != null) {
                            operation
                                .getParameters()
                                .forEach(parameter -> clean(parameter.getSchema(), seen));
                          }
                        }));
    dropUnused(document);
  }

  /**
   * {@code /pubapi/v1.2}, the current version (UTC), is callWireProtocol; {@code /pubapi/v1} (the
   * configured zone) callWireProtocolV1.
   */
  static String wireOperationId(String path) {
    String version = path.substring("/pubapi/".length());
    boolean slash = version.endsWith("/");
    if (slash) {
      version = version.substring(0, version.length() - 1);
    }
    String suffix =
        version.equals("v1.2")
            ? ""
            : version.substring(0, 1).toUpperCase(java.util.Locale.ROOT)
                + version.substring(1).replace(".", "Dot").replaceAll("[^A-Za-z0-9]", "");
    return "callWireProtocol" + suffix + (slash ? "WithSlash" : "");
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static void clean(@Nullable Schema<?> schema, Set<Schema<?>> seen) {
    if (schema == null || !seen.add(schema)) {
      return;
    }
    if (Boolean.TRUE.equals(schema.getNullable())
        && schema.getType() == null
        && schema.get$ref() == null
        && schema.getAllOf() == null
        && schema.getOneOf() == null
        && schema.getAnyOf() == null) {
      schema.setNullable(null);
    }
    if (schema.getPattern() != null && PATTERNS.containsKey(schema.getPattern())) {
      schema.setPattern(PATTERNS.get(schema.getPattern()));
    }
    if (schema.getProperties() != null) {
      ((Map<String, Schema>) (Map) schema.getProperties()).values().forEach(p -> clean(p, seen));
    }
    clean(schema.getItems(), seen);
    if (schema.getAdditionalProperties() instanceof Schema additional) {
      clean(additional, seen);
    }
    for (List<Schema> parts :
        new List[] {schema.getAllOf(), schema.getOneOf(), schema.getAnyOf()}) {
      if (parts != null) {
        parts.forEach(part -> clean(part, seen));
      }
    }
  }

  /**
   * Drops the component schemas no operation uses, directly or through other schemas: a client
   * generated from the document would get classes nothing returns or takes.
   */
  @SuppressWarnings("rawtypes")
  private static void dropUnused(OpenAPI document) {
    Map<String, Schema> schemas = document.getComponents().getSchemas();
    if (schemas == null) {
      return;
    }
    var mapper = io.swagger.v3.core.util.Json.mapper();
    Set<String> used = new java.util.HashSet<>();
    java.util.ArrayDeque<String> pending = new java.util.ArrayDeque<>();
    try {
      references(mapper.writeValueAsString(document.getPaths()), pending);
      while (!pending.isEmpty()) {
        String name = pending.pop();
        if (used.add(name) && schemas.get(name) != null) {
          references(mapper.writeValueAsString(schemas.get(name)), pending);
        }
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    schemas.keySet().retainAll(used);
  }

  private static final java.util.regex.Pattern REFERENCE =
      java.util.regex.Pattern.compile("#/components/schemas/([^\"]+)\"");

  private static void references(String json, java.util.Deque<String> into) {
    java.util.regex.Matcher matcher = REFERENCE.matcher(json);
    while (matcher.find()) {
      into.push(matcher.group(1));
    }
  }
}
