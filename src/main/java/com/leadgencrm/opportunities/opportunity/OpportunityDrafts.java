package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.Caller;
import com.leadgencrm.opportunities.core.Forbidden;
import com.leadgencrm.opportunities.core.InputRules;
import com.leadgencrm.opportunities.core.InvalidField;
import com.leadgencrm.opportunities.core.InvalidInput;
import com.leadgencrm.opportunities.core.Submitted;
import com.leadgencrm.opportunities.dealstage.DealStageService;
import com.leadgencrm.opportunities.dealstage.StageRef;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Turns what clients submit into new or changed opportunities, not yet saved: every rule of a
 * write, checked at once (the properties, their stage, the custom fields, the owner), shared by
 * single and batch writes.
 */
@Component
class OpportunityDrafts {

  /** What every write validates against: the custom fields and the deal stages. */
  record WriteContext(
      CustomFieldDefinitions definitions, Function<Long, Optional<StageRef>> stages) {

    /** The same, knowing a stage already read (an opportunity's current one). */
    WriteContext knowing(StageRef stage) {
      return new WriteContext(
          definitions, id -> id == stage.id() ? Optional.of(stage) : stages.apply(id));
    }
  }

  private final OpportunityFields fields;
  private final OpportunityRows rows;
  private final CustomValues customValues;
  private final DealStageService stages;
  private final InputRules rules;
  private final String defaultCurrency;
  private final ExternalKeys keys;

  OpportunityDrafts(
      OpportunityFields fields,
      OpportunityRows rows,
      CustomValues customValues,
      DealStageService stages,
      InputRules rules,
      OpportunityProperties properties,
      ExternalKeys keys) {
    this.keys = keys;
    this.defaultCurrency = properties.defaultCurrency();
    this.fields = fields;
    this.rows = rows;
    this.customValues = customValues;
    this.stages = stages;
    this.rules = rules;
  }

  /**
   * The context of one write of what a client submitted: the stage it names comes with the
   * definitions (one round trip), any other is looked up when asked for.
   */
  WriteContext single(Submitted<OpportunityInput> submitted) {
    Long named = namedStage(submitted);
    OpportunityFields.Opened opened = fields.forWrite(named);
    return context(opened.definitions(), named, opened.stage());
  }

  /** The deal stage a client's submission names, if it names one by a valid id. */
  static @Nullable Long namedStage(Submitted<OpportunityInput> submitted) {
    return submitted.value("dealStageID") instanceof Long id ? id : null;
  }

  /**
   * The context of one write whose definitions and named stage were read already (null: {@code
   * named} names none, or no stage); any other stage is looked up when asked for.
   */
  WriteContext context(
      CustomFieldDefinitions definitions, @Nullable Long named, @Nullable StageRef stage) {
    return new WriteContext(
        definitions, id -> id.equals(named) ? Optional.ofNullable(stage) : stages.find(id));
  }

  /** The context of many writes, every stage read with the definitions (one round trip). */
  WriteContext batch() {
    OpportunityFields.OpenedForMany opened = fields.forWrites();
    Map<Long, StageRef> all = opened.stages();
    return new WriteContext(opened.definitions(), id -> Optional.ofNullable(all.get(id)));
  }

  /** A valid new opportunity; refused with every invalid property at once. */
  Opportunity created(Submitted<OpportunityInput> submitted, WriteContext context) {
    Whole whole = whole(submitted, context, "create opportunities for");
    Map<String, Object> stored = whole.custom().stored(Map.of());
    keys.check(context.definitions(), stored, null);
    return new Opportunity(
        whole.input(), submitted.says("isWon"), whole.stage(), rows.json(stored));
  }

  /** Replaces the opportunity's properties with a whole submitted one; nothing is flushed. */
  void replace(
      Opportunity opportunity, Submitted<OpportunityInput> submitted, WriteContext context) {
    Whole whole = whole(submitted, context, "hand opportunities over to");
    apply(opportunity, whole.input(), submitted, whole.stage(), whole.custom());
  }

  /** Applies a merge patch to the opportunity; nothing is flushed. */
  void patch(Opportunity opportunity, Submitted<OpportunityInput> patch, WriteContext context) {
    patch.requireObject();
    List<InvalidField> errors = new ArrayList<>(patch.errors());
    StageRef stage = patch.names("dealStageID") ? stageNamedIn(patch, errors, context) : null;
    contradictoryFlags(patch, errors);
    CustomInput.requireFields(context.definitions(), patch, true, errors);
    CustomInput custom = new CustomInput(context.definitions(), customValues);
    Map<String, @Nullable Object> current =
        new java.util.LinkedHashMap<>(
            rows.readable(rows.stored(opportunity.customFields()), context.definitions()));
    current.values().removeIf(Objects::isNull);
    custom.take(current, errors).take(patch.extra(), errors);
    OpportunityInput input = valid(patch.onto(opportunity.input()), patch, errors);
    checkOwner(input, "hand opportunities over to");
    if (stage == null) {
      stage = context.stages().apply(opportunity.dealStageId()).orElseThrow();
    }
    apply(opportunity, input, patch, stage, custom);
  }

  /** A whole submitted opportunity, valid, with its stage and its custom properties. */
  private record Whole(OpportunityInput input, StageRef stage, CustomInput custom) {}

  /**
   * A whole submitted opportunity checked by every rule (its owner as one the caller may {@code
   * action}); refused with every invalid property at once.
   */
  private Whole whole(Submitted<OpportunityInput> submitted, WriteContext context, String action) {
    submitted.requireObject();
    List<InvalidField> errors = new ArrayList<>(submitted.errors());
    StageRef stage = stageNamedIn(submitted, errors, context);
    contradictoryFlags(submitted, errors);
    CustomInput.requireFields(context.definitions(), submitted, false, errors);
    CustomInput custom =
        new CustomInput(context.definitions(), customValues).take(submitted.extra(), errors);
    OpportunityInput input = valid(submitted.record(), submitted, errors);
    checkOwner(input, action);
    return new Whole(input, Objects.requireNonNull(stage, "validated"), custom);
  }

  private OpportunityInput valid(
      OpportunityInput input, Submitted<OpportunityInput> submitted, List<InvalidField> errors) {
    errors.addAll(rules.check(input, submitted.unreadable()));
    String currency = input.currency() == null ? defaultCurrency : input.currency();
    int minorUnits = Currencies.minorUnits(currency);
    if (minorUnits < 0) {
      if (!submitted.unreadable().contains("currency")) {
        errors.add(new InvalidField("currency", Currencies.NOT_A_CURRENCY));
      }
    } else if (input.amount() != null
        && !Currencies.fits(input.amount(), minorUnits)
        && errors.stream().noneMatch(error -> error.field().equals("amount"))) {
      errors.add(
          new InvalidField(
              "amount",
              "must have at most "
                  + minorUnits
                  + " fraction digits in "
                  + currency
                  + " (its minor units)"));
    }
    InvalidInput.ifAny(errors);
    return input.inCurrency(currency);
  }

  private void apply(
      Opportunity opportunity,
      OpportunityInput input,
      Submitted<OpportunityInput> submitted,
      StageRef stage,
      CustomInput custom) {
    Map<String, Object> before = rows.stored(opportunity.customFields());
    Map<String, Object> after = custom.stored(before);
    keys.check(custom.definitions(), after, opportunity.id());
    opportunity.replace(
        input, submitted.says("isWon"), stage, same(before, after) ? null : rows.json(after));
  }

  /** Custom values compared as values: 1.5 is 1.50. */
  private static boolean same(Map<String, Object> before, Map<String, Object> after) {
    if (!before.keySet().equals(after.keySet())) {
      return false;
    }
    for (var entry : before.entrySet()) {
      Object other = after.get(entry.getKey());
      boolean equal =
          entry.getValue() instanceof BigDecimal a && other instanceof BigDecimal b
              ? a.compareTo(b) == 0
              : entry.getValue().equals(other);
      if (!equal) {
        return false;
      }
    }
    return true;
  }

  /** Callers who see only their own opportunities cannot give one to someone else. */
  private static void checkOwner(OpportunityInput input, String action) {
    Caller caller = Caller.current();
    if (!caller.sees(Objects.requireNonNull(input.ownerID()))) {
      throw new Forbidden(
          "ownerID",
          "A "
              + caller.role()
              + " cannot "
              + action
              + " another owner: ownerID must be "
              + caller.userId());
    }
  }

  /**
   * The stage {@code dealStageID} names, when it is a readable id; an error names the property when
   * no such stage exists. Other faults of the value are left to input validation.
   */
  private static @Nullable StageRef stageNamedIn(
      Submitted<OpportunityInput> submitted, List<InvalidField> errors, WriteContext context) {
    if (!(submitted.value("dealStageID") instanceof Long id)) {
      return null;
    }
    StageRef stage = context.stages().apply(id).orElse(null);
    if (stage == null) {
      errors.add(new InvalidField("dealStageID", "deal stage " + id + " does not exist"));
    }
    return stage;
  }

  /** A client that says both isWon=true and isClosed=false contradicts itself. */
  private static void contradictoryFlags(
      Submitted<OpportunityInput> submitted, List<InvalidField> errors) {
    if (Boolean.TRUE.equals(submitted.value("isWon"))
        && Boolean.FALSE.equals(submitted.value("isClosed"))) {
      errors.add(
          new InvalidField(
              "isWon", "cannot be true while isClosed is false: a won deal is closed"));
    }
  }
}
