package com.leadgencrm.opportunities.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leadgencrm.opportunities.core.InvalidField;
import com.leadgencrm.opportunities.core.InvalidInput;
import com.leadgencrm.opportunities.core.ItemOutcome;
import com.leadgencrm.opportunities.core.NotFound;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The REST batch envelope: {"items": [...]} in, one result per item out, in input order. */
class BatchUnitTest {

  static final JsonMapper JSON = JsonMapper.builder().build();

  static List<InvalidField> refusal(String body) {
    try {
      Batch.items(JSON.readTree(body));
    } catch (InvalidInput refused) {
      return refused.errors();
    }
    throw new AssertionError("not refused: " + body);
  }

  @Test
  void theItemsAreTheArrayOfItemsWhateverEachItemIs() {
    assertThat(Batch.items(JSON.readTree("{\"items\":[{\"a\":1},2,\"x\"]}")))
        .containsExactly(JSON.readTree("{\"a\":1}"), JSON.readTree("2"), JSON.readTree("\"x\""));
  }

  @Test
  void aBatchIsAnObjectOfOneToFiveHundredItemsAndNothingElse() {
    assertThat(refusal("[]"))
        .containsExactly(
            new InvalidField("", "the request body must be a JSON object: {\"items\": [...]}"));
    assertThat(refusal("{}"))
        .containsExactly(new InvalidField("items", "is required: an array of 1 to 500 items"));
    assertThat(refusal("{\"items\":[],\"atomic\":true}"))
        .containsExactly(
            new InvalidField("atomic", "is not a property of a batch"),
            new InvalidField("items", "must hold 1 to 500 items, not 0"));
    assertThat(refusal("{\"items\":" + "[1" + ",1".repeat(500) + "]}"))
        .containsExactly(new InvalidField("items", "must hold 1 to 500 items, not 501"));
    assertThatThrownBy(() -> Batch.items(null)).isInstanceOf(InvalidInput.class);
  }

  @Test
  void anAppliedItemIs201WhenCreatedAnd200WhenChanged() {
    assertThat(Batch.result(new ItemOutcome.Applied(0, 51, true)))
        .isEqualTo(new Batch.Result(0, 201, 51L, null));
    assertThat(Batch.result(new ItemOutcome.Applied(1, 51, false)))
        .isEqualTo(new Batch.Result(1, 200, 51L, null));
  }

  @Test
  void aRefusedItemCarriesTheProblemItWouldHaveAnsweredAlone() {
    Batch.Result result = Batch.result(new ItemOutcome.Refused(2, new NotFound("Opportunity", 9)));
    assertThat(result.index()).isEqualTo(2);
    assertThat(result.status()).isEqualTo(404);
    assertThat(result.id()).isNull();
    assertThat(result.problem().getDetail()).isEqualTo("Opportunity 9 does not exist");
  }

  @Test
  void anItemAnAtomicBatchDidNotApplyIs424() {
    Batch.Result result = Batch.result(new ItemOutcome.NotApplied(3));
    assertThat(result.status()).isEqualTo(424);
    assertThat(result.problem().getTitle()).isEqualTo("Failed Dependency");
    assertThat(result.problem().getDetail())
        .isEqualTo("Not applied: another item of this atomic batch failed");
  }

  @Test
  void resultsKeepTheOrderOfTheItems() {
    assertThat(
            Batch.results(
                    List.of(
                        new ItemOutcome.Applied(0, 5, true),
                        new ItemOutcome.NotApplied(1),
                        new ItemOutcome.Applied(2, 6, true)))
                .results())
        .extracting(Batch.Result::index, Batch.Result::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0, 201),
            org.assertj.core.groups.Tuple.tuple(1, 424),
            org.assertj.core.groups.Tuple.tuple(2, 201));
  }
}
