package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.field.FieldCatalog;
import com.leadgencrm.opportunities.field.FieldRef;
import com.leadgencrm.opportunities.web.ApiDocumentPass;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.DateSchema;
import io.swagger.v3.oas.models.media.DateTimeSchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The active custom fields of opportunities as typed properties of the opportunity schemas of the
 * OpenAPI document: a client generated from it gets an accessor of the right type for each, and can
 * clear one with null. The document follows the field catalog: a field created, changed or
 * deactivated on any instance is in the next document every instance serves.
 */
@Component
@Order(20)
class CustomFieldDocument implements ApiDocumentPass {

  private static final BigDecimal MAX_INTEGER = new BigDecimal("999999999999999999");

  private final FieldCatalog catalog;

  CustomFieldDocument(FieldCatalog catalog) {
    this.catalog = catalog;
  }

  /** The custom opportunity fields: the same list object until the catalog changes. */
  @Override
  public Object state() {
    return catalog.currentCustomFields("opportunity");
  }

  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public void apply(OpenAPI document, @Nullable Object state) {
    if (!(state instanceof List<?> fields)) {
      return;
    }
    Map<String, Schema> schemas = document.getComponents().getSchemas();
    for (Object element : fields) {
      FieldRef field = (FieldRef) element;
      if (!field.isActive()) {
        continue;
      }
      // every opportunity carries every active field, null when unset
      add(schemas.get("Opportunity"), field, true);
      // events keep the representation of their time, which may predate the field
      add(schemas.get("OpportunityEventData"), field, false);
      add(schemas.get("OpportunityInput"), field, field.isRequired());
      add(schemas.get("OpportunityPatch"), field, false);
      add(schemas.get("OpportunityPatchItem"), field, false);
      if (field.isRequired()) {
        Object value = example(field);
        if (value != null) {
          exampleOf(
              schemas.get("OpportunityInput"), example -> example.put(field.systemName(), value));
          exampleOf(
              schemas.get("OpportunityBatch"),
              batch -> {
                if (batch.get("items") instanceof List<?> items) {
                  items.forEach(
                      item -> ((Map<String, Object>) item).put(field.systemName(), value));
                }
              });
        }
      }
    }
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static void add(@Nullable Schema schema, FieldRef field, boolean required) {
    if (schema == null) {
      return;
    }
    schema.addProperty(field.systemName(), property(field));
    if (required) {
      List<String> names =
          new ArrayList<>(schema.getRequired() == null ? List.of() : schema.getRequired());
      if (!names.contains(field.systemName())) {
        names.add(field.systemName());
      }
      schema.setRequired(names);
    }
  }

  @SuppressWarnings("unchecked")
  private static void exampleOf(
      @Nullable Schema<?> schema, java.util.function.Consumer<Map<String, Object>> change) {
    if (schema != null && schema.getExample() instanceof Map<?, ?> example) {
      change.accept((Map<String, Object>) example);
    }
  }

  private static Schema<?> property(FieldRef field) {
    String kind = "Custom field (" + field.dataType().json();
    Schema<?> schema =
        switch (field.dataType()) {
          case TEXT, TEXTAREA ->
              new StringSchema()
                  .maxLength(field.dataLength())
                  .description(kind + ", at most " + field.dataLength() + " characters)");
          case EMAIL ->
              new StringSchema()
                  .format("email")
                  .maxLength(field.dataLength())
                  .description(kind + ": an email address, at most " + field.dataLength() + ")");
          case URL ->
              new StringSchema()
                  .format("uri")
                  .maxLength(field.dataLength())
                  .description(
                      kind + ": an http or https URL, at most " + field.dataLength() + ")");
          case PHONE ->
              new StringSchema()
                  .maxLength(field.dataLength())
                  .pattern("^\\+?[0-9 ()./-]*[0-9][0-9 ()./-]*(\\s*(x|ext\\.?)\\s*[0-9]{1,6})?$")
                  .description(
                      kind
                          + ": digits, spaces and + ( ) - . /, optionally an extension (x12); at most "
                          + field.dataLength()
                          + ")");
          case INTEGER ->
              new IntegerSchema()
                  .format("int64")
                  .minimum(MAX_INTEGER.negate())
                  .maximum(MAX_INTEGER)
                  .description(kind + ": at most 18 digits)");
          case NUMBER -> new NumberSchema().description(kind + ": a decimal, kept exactly)");
          case BOOLEAN -> new BooleanSchema().description(kind + ")");
          case DATE -> new DateSchema().description(kind + ": 2026-12-31)");
          case DATETIME ->
              new DateTimeSchema()
                  .description(kind + ": ISO-8601 with offset, or a date; returned in UTC)");
        };
    Object example = example(field);
    if (example != null) {
      schema.setExample(example);
    }
    schema.setNullable(true);
    return schema;
  }

  /** A value the field accepts, or null when its length admits none of the examples. */
  static @Nullable Object example(FieldRef field) {
    return switch (field.dataType()) {
      case TEXT, TEXTAREA -> fitting(field, "Annual plan", "Annual", "A");
      case EMAIL -> fitting(field, "buyer@example.com", "a@b.co");
      case URL -> fitting(field, "https://example.com/deal", "http://a.io");
      case PHONE -> fitting(field, "+1 555 0100", "5550100", "555");
      case INTEGER -> 42;
      case NUMBER -> new BigDecimal("12.5");
      case BOOLEAN -> true;
      case DATE -> "2026-12-31";
      case DATETIME -> "2026-12-31T17:00:00Z";
    };
  }

  private static @Nullable String fitting(FieldRef field, String... candidates) {
    for (String candidate : candidates) {
      if (candidate.length() <= field.dataLength()) {
        return candidate;
      }
    }
    return null;
  }
}
