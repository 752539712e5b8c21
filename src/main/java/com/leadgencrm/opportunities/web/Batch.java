package com.leadgencrm.opportunities.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.leadgencrm.opportunities.core.InvalidField;
import com.leadgencrm.opportunities.core.InvalidInput;
import com.leadgencrm.opportunities.core.ItemOutcome;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.JsonNode;

/**
 * Batches: {@code {"items": [...]}} of up to 500 items. By default each item succeeds or fails on
 * its own; atomic batches apply all items or none.
 */
public final class Batch {

  public static final int MAX_ITEMS = ItemOutcome.MAX_ITEMS;

  private Batch() {}

  /** The outcome of one item, in input order. */
  @Schema(name = "BatchItemResult")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Result(
      @Schema(description = "Position of the item in the request", example = "0") int index,
      @Schema(description = "What the item alone would have answered", example = "201") int status,
      @Schema(
              description = "Id of the created or changed resource",
              example = "1051",
              nullable = true)
          @Nullable Long id,
      @Schema(
              description = "Why the item failed (RFC 9457)",
              nullable = true,
              ref = "#/components/schemas/Problem")
          @Nullable ProblemDetail problem) {}

  /** Every item's outcome, in input order. */
  @Schema(name = "BatchResults")
  public record Results(List<Result> results) {}

  /** The items of a batch request body; a 400 naming the problem otherwise. */
  public static List<JsonNode> items(@Nullable JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new InvalidInput("", "the request body must be a JSON object: {\"items\": [...]}");
    }
    List<InvalidField> errors = new ArrayList<>();
    for (var member : body.properties()) {
      if (!member.getKey().equals("items")) {
        errors.add(new InvalidField(member.getKey(), "is not a property of a batch"));
      }
    }
    JsonNode items = body.get("items");
    if (items == null || !items.isArray()) {
      errors.add(
          new InvalidField("items", "is required: an array of 1 to " + MAX_ITEMS + " items"));
    } else if (items.isEmpty() || items.size() > MAX_ITEMS) {
      errors.add(
          new InvalidField("items", "must hold 1 to " + MAX_ITEMS + " items, not " + items.size()));
    }
    if (!errors.isEmpty()) {
      errors.sort(java.util.Comparator.comparing(InvalidField::field));
      throw new InvalidInput(errors);
    }
    List<JsonNode> list = new ArrayList<>();
    items.forEach(list::add);
    return list;
  }

  /** Every item's outcome as a REST client reads it. */
  public static Results results(List<ItemOutcome> outcomes) {
    return new Results(outcomes.stream().map(Batch::result).toList());
  }

  /**
   * One item's outcome: 201 (created) or 200 (changed) and the id, or the problem the item alone
   * would have answered; 424 when an atomic batch did not apply it because another item failed.
   */
  public static Result result(ItemOutcome outcome) {
    if (outcome instanceof ItemOutcome.Applied applied) {
      return new Result(applied.index(), applied.created() ? 201 : 200, applied.id(), null);
    }
    ProblemDetail problem =
        outcome instanceof ItemOutcome.Refused refused
            ? Problems.of(refused.refusal())
            : Problems.problem(
                HttpStatus.FAILED_DEPENDENCY,
                "Not applied: another item of this atomic batch failed");
    return new Result(outcome.index(), problem.getStatus(), null, problem);
  }
}
