package com.leadgencrm.opportunities.pubapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.core.InvalidInput;
import com.leadgencrm.opportunities.core.ItemOutcome;
import com.leadgencrm.opportunities.core.NotFound;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** A write answers one slot per object in order, and lists the failed slots' errors on top. */
class WireAnswerUnitTest {

  static final JsonMapper JSON = JsonMapper.builder().build();

  static String json(Object value) {
    return JSON.writeValueAsString(value);
  }

  @Test
  void everySlotInOrderAndTheErrorsOfTheFailedOnes() {
    WireAnswer answer =
        WireAnswer.writes(
            "creates",
            List.of(
                WireAnswer.Slot.of(new ItemOutcome.Applied(0, 51, true), true),
                WireAnswer.Slot.of(
                    new ItemOutcome.Refused(1, new InvalidInput("opportunityName", "is required")),
                    true),
                new WireAnswer.Slot(
                    new WireError(
                        WireError.MALFORMED_OBJECT,
                        "Object is malformed: each object must be a JSON object"),
                    null)));
    assertThat(json(answer.result()))
        .isEqualTo(
            """
            {"creates":[{"success":true,"error":null,"id":51},\
            {"success":false,"error":{"code":205,"message":"Invalid parameters: opportunityName is required","data":[{"field":"opportunityName","message":"is required"}]}},\
            {"success":false,"error":{"code":208,"message":"Object is malformed: each object must be a JSON object","data":[]}}]}""");
    assertThat(json(answer.error()))
        .isEqualTo(
            """
            [{"code":205,"message":"Invalid parameters: opportunityName is required","data":[{"field":"opportunityName","message":"is required"}]},\
            {"code":208,"message":"Object is malformed: each object must be a JSON object","data":[]}]""");
    assertThat(answer.stored()).isTrue();
  }

  @Test
  void updatesAndDeletesAnswerNoId() {
    WireAnswer answer =
        WireAnswer.writes(
            "updates",
            List.of(
                WireAnswer.Slot.of(new ItemOutcome.Applied(0, 51, false), false),
                WireAnswer.Slot.of(
                    new ItemOutcome.Refused(1, new NotFound("Opportunity", 9)), false)));
    assertThat(json(answer.result()))
        .isEqualTo(
            """
            {"updates":[{"success":true,"error":null},\
            {"success":false,"error":{"code":302,"message":"No table rows affected: Opportunity 9 does not exist","data":[]}}]}""");
  }

  @Test
  void aWriteWithoutFailuresHasNoError() {
    WireAnswer answer =
        WireAnswer.writes(
            "deletes", List.of(WireAnswer.Slot.of(new ItemOutcome.Applied(0, 0, false), false)));
    assertThat(answer.error()).isNull();
  }

  @Test
  void readsAreNeverKeptForARetryAndRefusalsOfTheCallerOrTheMomentNeither() {
    assertThat(WireAnswer.rows("dealStage", row -> row.accept(Map.of("id", "1"))).stored())
        .isFalse();
    assertThat(
            WireAnswer.failed(new WireError(WireError.MISSING_METHOD, "Missing method")).stored())
        .isTrue();
    assertThat(WireAnswer.failed(WireError.authenticationFailed()).stored()).isFalse();
    assertThat(WireAnswer.failed(WireError.unavailable()).stored()).isFalse();
    assertThat(
            WireAnswer.failed(new WireError(WireError.RATE_LIMITED, "Rate limit exceeded"))
                .stored())
        .isFalse();
  }
}
