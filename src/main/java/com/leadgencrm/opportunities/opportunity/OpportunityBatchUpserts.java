package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.AtomicBatchRefused;
import com.leadgencrm.opportunities.core.IfMatch;
import com.leadgencrm.opportunities.core.InvalidInput;
import com.leadgencrm.opportunities.core.ItemOutcome;
import com.leadgencrm.opportunities.core.Permission;
import com.leadgencrm.opportunities.core.Requires;
import com.leadgencrm.opportunities.core.Savepoints;
import com.leadgencrm.opportunities.core.Submitted;
import com.leadgencrm.opportunities.core.Values.TypeMismatch;
import com.leadgencrm.opportunities.field.FieldRef;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Batch upserts by external key ({@code POST /opportunities/batch?upsertBy=}): each item replaces
 * the opportunity holding its value of the unique field (200) or creates one (201), as the single
 * upsert does. Items are applied in input order, so an item whose key an earlier item of the batch
 * created replaces it. The batch first takes the advisory lock of every key (in one order, so that
 * concurrent batches cannot deadlock) and holds them to the end of its transaction: concurrent
 * batches with the same keys make one opportunity per key.
 */
@Service
public class OpportunityBatchUpserts {

  private final OpportunityService service;
  private final OpportunityDrafts drafts;
  private final OpportunityFields fields;
  private final CustomValues customValues;
  private final ExternalKeys keys;
  private final Savepoints savepoints;
  private final JdbcClient jdbc;

  OpportunityBatchUpserts(
      OpportunityService service,
      OpportunityDrafts drafts,
      OpportunityFields fields,
      CustomValues customValues,
      ExternalKeys keys,
      Savepoints savepoints,
      JdbcClient jdbc) {
    this.service = service;
    this.drafts = drafts;
    this.fields = fields;
    this.customValues = customValues;
    this.keys = keys;
    this.savepoints = savepoints;
    this.jdbc = jdbc;
  }

  /** An item and its key as the index holds it ({@code null} when it has no valid key). */
  private record Keyed(Submitted<OpportunityInput> item, @Nullable String key) {}

  @Requires(Permission.WRITE_OPPORTUNITIES)
  public List<ItemOutcome> upsert(
      String upsertBy, List<Submitted<OpportunityInput>> items, boolean atomic) {
    FieldRef field = fields.definitions().active(upsertBy);
    if (field == null || !field.isUnique()) {
      throw new InvalidInput(
          "upsertBy", "must be the systemName of an active unique custom field (isUnique)");
    }
    List<Keyed> keyed = items.stream().map(item -> new Keyed(item, key(field, item))).toList();
    return savepoints.run(
        () -> {
          TreeSet<String> locks = new TreeSet<>();
          keyed.stream().map(Keyed::key).filter(k -> k != null).forEach(locks::add);
          for (String key : locks) {
            jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .param("key", "opportunity_key:" + field.id() + ":" + key)
                .query()
                .listOfRows();
          }
          OpportunityDrafts.WriteContext context = drafts.batch();
          List<ItemOutcome> outcomes =
              savepoints.each(keyed, (index, item) -> upsertOne(index, item, field, context));
          if (atomic) {
            AtomicBatchRefused.ifAnyRefused(outcomes.toArray(ItemOutcome[]::new));
          }
          return outcomes;
        });
  }

  private ItemOutcome.Applied upsertOne(
      int index, Keyed item, FieldRef field, OpportunityDrafts.WriteContext context) {
    // without a valid key, keyOf refuses the item, naming the field
    String key = item.key() != null ? item.key() : keyOf(field, item.item());
    Optional<Long> holder = keys.holder(field, key);
    if (holder.isPresent()) {
      OpportunityUpdates.Locked locked =
          service.lockForChange(holder.get(), IfMatch.NONE, context.definitions());
      drafts.replace(locked.opportunity(), item.item(), context);
      service.writeUpdates(List.of(locked), context.definitions());
      return new ItemOutcome.Applied(index, holder.get(), false);
    }
    Opportunity created = drafts.created(item.item(), context);
    service.insert(List.of(created), context.definitions());
    return new ItemOutcome.Applied(index, created.id(), true);
  }

  /** The item's key as the index holds it; {@code null} when it has none or an invalid one. */
  private @Nullable String key(FieldRef field, Submitted<OpportunityInput> item) {
    try {
      return keyOf(field, item);
    } catch (InvalidInput refused) {
      return null;
    }
  }

  private String keyOf(FieldRef field, Submitted<OpportunityInput> item) {
    Object value = item.isObject() ? item.value(field.systemName()) : null;
    if (value == null) {
      throw new InvalidInput(
          field.systemName(), "is required: the key this batch upserts by (upsertBy)");
    }
    try {
      return ExternalKeys.text(customValues.stored(field, value));
    } catch (TypeMismatch e) {
      throw new InvalidInput(field.systemName(), e.getMessage());
    }
  }
}
