package com.leadgencrm.opportunities.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.leadgencrm.opportunities.core.InvalidField;
import com.leadgencrm.opportunities.core.InvalidRequest;
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

  public static final int MAX_ITEMS = 500;

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
          @Nullable ProblemDetail problem) {

    public static Result success(int index, int status, long id) {
      return new Result(index, status, id, null);
    }

    public static Result failure(int index, ProblemDetail problem) {
      return new Result(index, problem.getStatus(), null, problem);
    }
  }

  /** Every item's outcome, in input order. */
  @Schema(name = "BatchResults")
  public record Results(List<Result> results) {}

  /** The items of a batch request body; a 400 naming the problem otherwise. */
  public static List<JsonNode> items(@Nullable JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new InvalidRequest("", "the request body must be a JSON object: {\"items\": [...]}");
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
      throw new InvalidRequest(errors);
    }
    List<JsonNode> list = new ArrayList<>();
    items.forEach(list::add);
    return list;
  }

  /**
   * An atomic batch in which some items failed: nothing was applied. Answered as a problem whose
   * {@code results} say why each failing item failed; the others are 424 (not applied).
   */
  public static final class AtomicBatchFailed extends RuntimeException {

    private final List<Result> results;

    public AtomicBatchFailed(List<@Nullable Result> partial) {
      super(
          "The atomic batch was not applied: "
              + partial.stream().filter(r -> r != null).count()
              + " items failed");
      List<Result> all = new ArrayList<>();
      for (int i = 0; i < partial.size(); i++) {
        Result result = partial.get(i);
        all.add(
            result != null
                ? result
                : Result.failure(
                    i,
                    Problems.problem(
                        HttpStatus.FAILED_DEPENDENCY,
                        "Not applied: another item of this atomic batch failed")));
      }
      this.results = List.copyOf(all);
    }

    public List<Result> results() {
      return results;
    }

    /** The status of the first failing item: the status of the whole batch. */
    public int status() {
      return results.stream()
          .mapToInt(Result::status)
          .filter(s -> s != 424)
          .findFirst()
          .orElse(400);
    }
  }
}
