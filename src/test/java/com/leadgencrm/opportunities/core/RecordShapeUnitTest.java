package com.leadgencrm.opportunities.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** What reflection tells of a record, read once: the one reader input and query records share. */
class RecordShapeUnitTest {

  record Stage(
      @NotNull String name,
      @Min(0) @Max(100) @Nullable Integer probability,
      @Nullable Long weight,
      @Nullable List<Long> ids) {

    Stage {
      if ("refused".equals(name)) {
        throw new IllegalArgumentException("the constructor refused it");
      }
    }
  }

  @Test
  void componentsComeInDeclarationOrderWithTheirRangesAndWhetherRequired() {
    List<RecordShape.Component> components = RecordShape.of(Stage.class).components();
    assertThat(components)
        .extracting(
            RecordShape.Component::index,
            RecordShape.Component::name,
            RecordShape.Component::min,
            RecordShape.Component::max,
            RecordShape.Component::required)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                0, "name", (long) Integer.MIN_VALUE, (long) Integer.MAX_VALUE, true),
            org.assertj.core.groups.Tuple.tuple(1, "probability", 0L, 100L, false),
            org.assertj.core.groups.Tuple.tuple(2, "weight", Long.MIN_VALUE, Long.MAX_VALUE, false),
            org.assertj.core.groups.Tuple.tuple(
                3, "ids", (long) Integer.MIN_VALUE, (long) Integer.MAX_VALUE, false));
    assertThat(components.get(3).genericType().getTypeName())
        .isEqualTo("java.util.List<java.lang.Long>");
  }

  @Test
  void namesAndComponentsByName() {
    RecordShape<Stage> shape = RecordShape.of(Stage.class);
    assertThat(shape.names()).containsExactlyInAnyOrder("name", "probability", "weight", "ids");
    assertThat(shape.component("weight").type()).isEqualTo(Long.class);
    assertThat(shape.component("colour")).isNull();
    assertThat(shape.type()).isEqualTo(Stage.class);
  }

  @Test
  void isReadOncePerType() {
    assertThat(RecordShape.of(Stage.class)).isSameAs(RecordShape.of(Stage.class));
  }

  @Test
  void buildsAndTakesApartRecords() {
    RecordShape<Stage> shape = RecordShape.of(Stage.class);
    Stage stage = shape.newInstance(new Object[] {"Demo", 30, null, List.of(1L)});
    assertThat(stage).isEqualTo(new Stage("Demo", 30, null, List.of(1L)));
    assertThat(shape.values(stage)).containsExactly("Demo", 30, null, List.of(1L));
  }

  @Test
  void whatTheConstructorThrowsIsThrownAsItIs() {
    assertThatThrownBy(
            () ->
                RecordShape.of(Stage.class).newInstance(new Object[] {"refused", null, null, null}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the constructor refused it");
  }
}
