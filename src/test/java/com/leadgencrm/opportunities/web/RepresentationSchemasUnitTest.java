package com.leadgencrm.opportunities.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.core.ViewDocs.Representation;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.media.Schema;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** A representation's schema says from its Java type what every view used to say by hand. */
class RepresentationSchemasUnitTest {

  @io.swagger.v3.oas.annotations.media.Schema(name = "Thing")
  @Representation
  record Thing(
      long id,
      @io.swagger.v3.oas.annotations.media.Schema(example = "A") String name,
      @Nullable String description,
      @Nullable Instant closedAt,
      Nested nested) {}

  @Representation
  record Nested(@Nullable Long ownerID) {}

  /** The same shape, not marked: swagger's own reading. */
  @io.swagger.v3.oas.annotations.media.Schema(name = "Plain")
  record Plain(long id, @Nullable String description) {}

  @SuppressWarnings("rawtypes")
  static Map<String, Schema> read(Class<?> type) {
    ModelConverters converters = new ModelConverters();
    converters.addConverter(new RepresentationSchemas());
    return converters.readAll(type);
  }

  @Test
  void everyPropertyOfARepresentationIsRequired() {
    assertThat(read(Thing.class).get("Thing").getRequired())
        .containsExactlyInAnyOrder("id", "name", "description", "closedAt", "nested");
    assertThat(read(Thing.class).get("Nested").getRequired()).containsExactly("ownerID");
  }

  @Test
  void exactlyTheNullableComponentsAreNullable() {
    Map<?, ?> properties = read(Thing.class).get("Thing").getProperties();
    assertThat(((Schema<?>) properties.get("description")).getNullable()).isTrue();
    assertThat(((Schema<?>) properties.get("closedAt")).getNullable()).isTrue();
    assertThat(((Schema<?>) properties.get("id")).getNullable()).isNull();
    assertThat(((Schema<?>) properties.get("name")).getNullable()).isNull();
    assertThat(((Schema<?>) properties.get("name")).getExample()).isEqualTo("A");
  }

  @Test
  void aRecordThatIsNotARepresentationKeepsSwaggersReading() {
    Schema<?> plain = read(Plain.class).get("Plain");
    assertThat(plain.getRequired()).isNull();
    assertThat(((Schema<?>) plain.getProperties().get("description")).getNullable()).isNull();
  }
}
