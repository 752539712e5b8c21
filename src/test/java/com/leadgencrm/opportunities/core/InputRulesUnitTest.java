package com.leadgencrm.opportunities.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Every rule an input breaks is reported at once: what could not be read, unknown properties, the
 * record's constraints and its cross-field rules, in a stable order.
 */
class InputRulesUnitTest {

  static final ValidatorFactory VALIDATION = Validation.buildDefaultValidatorFactory();
  static final InputRules RULES = new InputRules(VALIDATION.getValidator());

  @AfterAll
  static void close() {
    VALIDATION.close();
  }

  record Deal(
      @NotNull(message = "is required") @Nullable String name,
      @Min(value = 1, message = "must be at least 1") @Max(value = 9, message = "must be at most 9")
          @Nullable Long seats)
      implements CrossFieldRules {

    @Override
    public List<InvalidField> crossFieldErrors() {
      return "Team".equals(name) && seats == null
          ? List.of(new InvalidField("seats", "is required for a team"))
          : List.of();
    }
  }

  static Submitted<Deal> submitted(
      Map<String, @Nullable Object> given,
      Map<String, @Nullable Object> extra,
      InvalidField... errors) {
    return new Submitted<>(Deal.class, given, extra, List.of(errors));
  }

  static Map<String, @Nullable Object> map(Object... pairs) {
    Map<String, @Nullable Object> map = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }

  static List<InvalidField> refusal(Runnable check) {
    try {
      check.run();
    } catch (InvalidInput refused) {
      return refused.errors();
    }
    throw new AssertionError("not refused");
  }

  @Test
  void aValidSubmissionIsItsRecord() {
    assertThat(RULES.valid(submitted(map("name", "Acme", "seats", 3L), map())))
        .isEqualTo(new Deal("Acme", 3L));
  }

  @Test
  void everyErrorIsReportedAtOnceSortedByFieldThenMessage() {
    assertThat(
            refusal(
                () ->
                    RULES.valid(
                        submitted(
                            map("seats", 0L),
                            map("colour", "red"),
                            new InvalidField("closeDate", "must be a date such as 2026-12-31")),
                        List.of(new InvalidField("dealStageID", "deal stage 7 does not exist")))))
        .containsExactly(
            new InvalidField("closeDate", "must be a date such as 2026-12-31"),
            new InvalidField("colour", "is not a property of this resource"),
            new InvalidField("dealStageID", "deal stage 7 does not exist"),
            new InvalidField("name", "is required"),
            new InvalidField("seats", "must be at least 1"));
  }

  @Test
  void aPropertyThatCouldNotBeReadIsNotAlsoRequired() {
    assertThat(
            refusal(
                () ->
                    RULES.valid(
                        submitted(
                            map("seats", 3L),
                            map(),
                            new InvalidField("name", "must be a string")))))
        .containsExactly(new InvalidField("name", "must be a string"));
  }

  @Test
  void crossFieldRulesAreCheckedWithTheOthers() {
    assertThat(refusal(() -> RULES.valid(submitted(map("name", "Team"), map("x", 1L)))))
        .containsExactly(
            new InvalidField("seats", "is required for a team"),
            new InvalidField("x", "is not a property of this resource"));
  }

  @Test
  void aCrossFieldRuleAboutAnUnreadablePropertyIsLeftOut() {
    assertThat(
            refusal(
                () ->
                    RULES.valid(
                        submitted(
                            map("name", "Team"),
                            map(),
                            new InvalidField("seats", "must be an integer from 1 to 9")))))
        .containsExactly(new InvalidField("seats", "must be an integer from 1 to 9"));
  }

  @Test
  void aPatchIsCheckedAsTheRecordItMakes() {
    Deal current = new Deal("Acme", 3L);
    assertThat(RULES.validPatch(submitted(map("seats", 4L), map()), current))
        .isEqualTo(new Deal("Acme", 4L));
    assertThat(refusal(() -> RULES.validPatch(submitted(map("name", null), map()), current)))
        .containsExactly(new InvalidField("name", "is required"));
  }

  @Test
  void aSubmissionThatIsNotAnObjectIsRefusedBeforeAnyRule() {
    assertThatThrownBy(
            () ->
                RULES.valid(
                    Submitted.notAnObject(Deal.class, "the request body must be a JSON object")))
        .isInstanceOfSatisfying(
            InvalidInput.class,
            refused ->
                assertThat(refused.errors())
                    .containsExactly(
                        new InvalidField("", "the request body must be a JSON object")));
  }
}
