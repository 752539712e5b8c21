package com.leadgencrm.opportunities.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The command services take, as a JSON Merge Patch (RFC 7396) of a flat record: the examples of the
 * RFC's Appendix A that a record can hold, and what a client named, gave or got wrong.
 */
class SubmittedUnitTest {

  record Sample(@Nullable String a, @Nullable String b, @Nullable Long n) {}

  static Submitted<Sample> given(Object... nameValuePairs) {
    Map<String, @Nullable Object> given = new HashMap<>();
    for (int i = 0; i < nameValuePairs.length; i += 2) {
      given.put((String) nameValuePairs[i], nameValuePairs[i + 1]);
    }
    return new Submitted<>(Sample.class, given, Map.of(), List.of());
  }

  @Test
  void aGivenValueReplacesTheCurrentOne() {
    // {"a":"b"} + {"a":"c"} = {"a":"c"}
    assertThat(given("a", "c").onto(new Sample("b", null, null)))
        .isEqualTo(new Sample("c", null, null));
  }

  @Test
  void aPropertyNotGivenKeepsItsValue() {
    // {"a":"b"} + {"b":"c"} = {"a":"b","b":"c"}
    assertThat(given("b", "c").onto(new Sample("b", null, null)))
        .isEqualTo(new Sample("b", "c", null));
  }

  @Test
  void nullClearsAProperty() {
    // {"a":"b"} + {"a":null} = {}, {"a":"b","b":"c"} + {"a":null} = {"b":"c"}
    assertThat(given("a", null).onto(new Sample("b", null, null)))
        .isEqualTo(new Sample(null, null, null));
    assertThat(given("a", null).onto(new Sample("b", "c", null)))
        .isEqualTo(new Sample(null, "c", null));
  }

  @Test
  void anEmptyPatchChangesNothing() {
    assertThat(given().onto(new Sample("b", "c", 3L))).isEqualTo(new Sample("b", "c", 3L));
  }

  @Test
  void aPropertyThatCouldNotBeReadIsNullNotItsOldValue() {
    Submitted<Sample> patch =
        new Submitted<>(
            Sample.class,
            Map.of(),
            Map.of(),
            List.of(new InvalidField("n", "must be an integer from 1 to 9")));
    assertThat(patch.onto(new Sample("b", null, 3L))).isEqualTo(new Sample("b", null, null));
    assertThat(patch.unreadable()).containsExactly("n");
  }

  @Test
  void theRecordOfAWholeSubmissionHasNullForWhatWasNotGiven() {
    assertThat(given("n", 5L).record()).isEqualTo(new Sample(null, null, 5L));
  }

  @Test
  void saysIsAValueAndNamesIsAValueOrNull() {
    Map<String, @Nullable Object> extra = new HashMap<>();
    extra.put("seats", 12L);
    extra.put("region", null);
    Map<String, @Nullable Object> given = new HashMap<>();
    given.put("a", "x");
    given.put("b", null);
    Submitted<Sample> submitted = new Submitted<>(Sample.class, given, extra, List.of());

    assertThat(submitted.says("a")).isTrue();
    assertThat(submitted.says("b")).isFalse();
    assertThat(submitted.says("n")).isFalse();
    assertThat(submitted.says("seats")).isTrue();
    assertThat(submitted.says("region")).isFalse();

    assertThat(submitted.names("a")).isTrue();
    assertThat(submitted.names("b")).isTrue();
    assertThat(submitted.names("n")).isFalse();
    assertThat(submitted.names("region")).isTrue();
    assertThat(submitted.names("colour")).isFalse();

    assertThat(submitted.value("a")).isEqualTo("x");
    assertThat(submitted.value("seats")).isEqualTo(12L);
    assertThat(submitted.value("b")).isNull();
  }

  @Test
  void aSubmissionThatIsNotAnObjectIsRefusedWithItsOneError() {
    Submitted<Sample> array =
        Submitted.notAnObject(Sample.class, "the request body must be a JSON object");
    assertThat(array.isObject()).isFalse();
    assertThatThrownBy(array::requireObject)
        .isInstanceOfSatisfying(
            InvalidInput.class,
            refused ->
                assertThat(refused.errors())
                    .containsExactly(
                        new InvalidField("", "the request body must be a JSON object")));
    assertThat(given("a", "x").requireObject().isObject()).isTrue();
  }

  @Test
  void whatWasSubmittedCannotChangeAfterwards() {
    Map<String, @Nullable Object> given = new HashMap<>();
    given.put("a", "x");
    Submitted<Sample> submitted = new Submitted<>(Sample.class, given, Map.of(), List.of());
    given.put("b", "y");
    assertThat(submitted.given()).containsOnlyKeys("a");
    assertThatThrownBy(() -> submitted.given().put("n", 1L))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
