package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.AtomicBatchRefused;
import com.leadgencrm.opportunities.core.Caller;
import com.leadgencrm.opportunities.core.IfMatch;
import com.leadgencrm.opportunities.core.InvalidInput;
import com.leadgencrm.opportunities.core.ItemOutcome;
import com.leadgencrm.opportunities.core.Permission;
import com.leadgencrm.opportunities.core.Refusal;
import com.leadgencrm.opportunities.core.Refusals;
import com.leadgencrm.opportunities.core.Requires;
import com.leadgencrm.opportunities.core.Savepoints;
import com.leadgencrm.opportunities.core.Submitted;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

/**
 * Many opportunities at once. Every item is validated first, with the same rules as a single write;
 * the valid ones are then written together (new ones by one statement, changed ones by another). By
 * default each item succeeds or fails on its own; an atomic batch writes all items or none ({@link
 * AtomicBatchRefused}).
 *
 * <p>A batch runs in its own transaction, or in a savepoint of the request's when an
 * Idempotency-Key made the whole request one transaction. Should the shared write fail in the
 * database (a stage deleted meanwhile, say), a non-atomic batch writes its items one by one
 * instead, to tell the failing ones from the others.
 */
@Service
public class OpportunityBatches {

  /** A merge patch of the opportunity with this id ({@code null} when the item names none). */
  public record Change(@Nullable Long id, Submitted<OpportunityInput> patch) {}

  private final OpportunityService service;
  private final OpportunityUpdates updates;
  private final OpportunityDrafts drafts;
  private final Savepoints savepoints;

  OpportunityBatches(
      OpportunityService service,
      OpportunityUpdates updates,
      OpportunityDrafts drafts,
      Savepoints savepoints) {
    this.service = service;
    this.updates = updates;
    this.drafts = drafts;
    this.savepoints = savepoints;
  }

  @Requires(Permission.WRITE_OPPORTUNITIES)
  public List<ItemOutcome> create(List<Submitted<OpportunityInput>> items, boolean atomic) {
    return togetherOrEach(items, atomic, () -> createTogether(items, atomic), this::createOne);
  }

  @Requires(Permission.WRITE_OPPORTUNITIES)
  public List<ItemOutcome> patch(List<Change> items, boolean atomic) {
    return togetherOrEach(items, atomic, () -> patchTogether(items, atomic), this::patchOne);
  }

  private interface Together {
    List<ItemOutcome> run();
  }

  private <T> List<ItemOutcome> togetherOrEach(
      List<T> items, boolean atomic, Together together, Savepoints.ItemWork<T> single) {
    try {
      return savepoints.run(together::run);
    } catch (DataAccessException failed) {
      if (atomic || Refusals.of(failed) == null) {
        throw failed;
      }
      return savepoints.each(items, single);
    }
  }

  private List<ItemOutcome> createTogether(
      List<Submitted<OpportunityInput>> items, boolean atomic) {
    OpportunityDrafts.WriteContext context = drafts.batch();
    ItemOutcome[] outcomes = new ItemOutcome[items.size()];
    List<Opportunity> valid = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      try {
        valid.add(drafts.created(items.get(i), context));
        positions.add(i);
      } catch (Refusal refusal) {
        outcomes[i] = new ItemOutcome.Refused(i, refusal);
      }
    }
    if (atomic) {
      AtomicBatchRefused.ifAnyRefused(outcomes);
    }
    service.insert(valid, context.definitions());
    for (int k = 0; k < valid.size(); k++) {
      outcomes[positions.get(k)] =
          new ItemOutcome.Applied(positions.get(k), valid.get(k).id(), true);
    }
    return Arrays.asList(outcomes);
  }

  private ItemOutcome.Applied createOne(int index, Submitted<OpportunityInput> item) {
    OpportunityDrafts.WriteContext context = drafts.single(item);
    Opportunity opportunity = drafts.created(item, context);
    service.insert(List.of(opportunity), context.definitions());
    return new ItemOutcome.Applied(index, opportunity.id(), true);
  }

  private List<ItemOutcome> patchTogether(List<Change> items, boolean atomic) {
    OpportunityDrafts.WriteContext context = drafts.batch();
    ItemOutcome[] outcomes = new ItemOutcome[items.size()];
    TreeSet<Long> ids = new TreeSet<>();
    items.stream().map(Change::id).filter(Objects::nonNull).forEach(ids::add);
    Map<Long, OpportunityUpdates.Locked> locked =
        updates.lockAll(ids, Caller.current().ownerScope(), context.definitions());
    // in item order, each opportunity once however many items change it
    Map<Long, OpportunityUpdates.Locked> changed = new LinkedHashMap<>();
    for (int i = 0; i < items.size(); i++) {
      try {
        OpportunityUpdates.Locked opportunity = locked.get(idOf(items.get(i)));
        if (opportunity == null) {
          throw new OpportunityNotFound(items.get(i).id());
        }
        drafts.patch(opportunity.opportunity(), items.get(i).patch(), context);
        long id = opportunity.before().body().id();
        changed.putIfAbsent(id, opportunity);
        outcomes[i] = new ItemOutcome.Applied(i, id, false);
      } catch (Refusal refusal) {
        outcomes[i] = new ItemOutcome.Refused(i, refusal);
      }
    }
    if (atomic) {
      AtomicBatchRefused.ifAnyRefused(outcomes);
    }
    service.writeUpdates(changed.values(), context.definitions());
    return Arrays.asList(outcomes);
  }

  private ItemOutcome.Applied patchOne(int index, Change item) {
    long id = idOf(item);
    service.changed(
        id,
        IfMatch.NONE,
        item.patch(),
        (opportunity, context) -> drafts.patch(opportunity, item.patch(), context));
    return new ItemOutcome.Applied(index, id, false);
  }

  private static long idOf(Change item) {
    if (item.id() == null) {
      throw new InvalidInput("id", "is required: the id of the opportunity to patch");
    }
    return item.id();
  }
}
