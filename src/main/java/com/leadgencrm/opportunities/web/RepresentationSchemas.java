package com.leadgencrm.opportunities.web;

import com.leadgencrm.opportunities.core.ViewDocs.Representation;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Documents a {@link Representation} from its Java type: every property is required (a
 * representation always carries it), and nullable exactly where its record component is
 * {@code @Nullable}. The views then say each of these once, in the type, and their {@code @Schema}
 * annotations keep only what the type cannot say (examples, limits, descriptions).
 */
@Component
class RepresentationSchemas implements ModelConverter {

  @Override
  @SuppressWarnings("rawtypes")
  public @Nullable Schema resolve(
      AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
    if (!chain.hasNext()) {
      return null;
    }
    Schema schema = chain.next().resolve(type, context, chain);
    Class<?> raw = Json.mapper().constructType(type.getType()).getRawClass();
    if (schema != null && raw.isRecord() && raw.isAnnotationPresent(Representation.class)) {
      // a named type comes back as a reference to the model it defined
      Schema model =
          schema.get$ref() == null
              ? schema
              : context
                  .getDefinedModels()
                  .get(schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1));
      if (model != null && model.getProperties() != null) {
        document(model, raw.getRecordComponents());
      }
    }
    return schema;
  }

  @SuppressWarnings("rawtypes")
  private static void document(Schema schema, RecordComponent[] components) {
    schema.setRequired(new ArrayList<>(schema.getProperties().keySet()));
    for (RecordComponent component : components) {
      Object property = schema.getProperties().get(component.getName());
      if (property instanceof Schema<?> documented
          && component.getAnnotatedType().isAnnotationPresent(Nullable.class)) {
        documented.setNullable(true);
      }
    }
  }
}
