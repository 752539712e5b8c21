package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.IfMatch;
import com.leadgencrm.opportunities.core.InvalidRequest;
import com.leadgencrm.opportunities.core.Savepoints;
import com.leadgencrm.opportunities.dealstage.DealStageService;
import com.leadgencrm.opportunities.security.Caller;
import com.leadgencrm.opportunities.web.Batch;
import com.leadgencrm.opportunities.web.Problems;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Many opportunities at once. Every item is validated first, with the same rules as a single write;
 * the valid ones are then written together (one JDBC batch). By default each item succeeds or fails
 * on its own; an atomic batch writes all items or none.
 *
 * <p>A batch runs in its own transaction, or in a savepoint of the request's when an
 * Idempotency-Key made the whole request one transaction. Should the shared write fail in the
 * database (a stage deleted meanwhile, say), a non-atomic batch writes its items one by one
 * instead, to tell the failing ones from the others.
 */
@Service
public class OpportunityBatches {

  private final OpportunityService service;
  private final OpportunityRepository opportunities;
  private final OpportunityLeadService leads;
  private final DealStageService stages;
  private final Savepoints savepoints;

  @PersistenceContext private EntityManager entities;

  OpportunityBatches(
      OpportunityService service,
      OpportunityRepository opportunities,
      OpportunityLeadService leads,
      DealStageService stages,
      Savepoints savepoints) {
    this.service = service;
    this.opportunities = opportunities;
    this.leads = leads;
    this.stages = stages;
    this.savepoints = savepoints;
  }

  public Batch.Results create(List<JsonNode> items, boolean atomic) {
    return inOneWriteOrEach(items, atomic, () -> createTogether(items, atomic), this::createOne);
  }

  public Batch.Results patch(List<JsonNode> items, boolean atomic) {
    return inOneWriteOrEach(items, atomic, () -> patchTogether(items, atomic), this::patchOne);
  }

  /** One item on its own, in a savepoint or transaction of its own. */
  private interface Single {
    Batch.Result apply(int index, JsonNode item);
  }

  private interface Together {
    Batch.Results run();
  }

  private Batch.Results inOneWriteOrEach(
      List<JsonNode> items, boolean atomic, Together together, Single single) {
    boolean outer = TransactionSynchronizationManager.isActualTransactionActive();
    try {
      return savepoints.run(together::run);
    } catch (Batch.AtomicBatchFailed failed) {
      forget(outer);
      throw failed;
    } catch (DataAccessException failed) {
      if (atomic || Problems.of(failed) == null) {
        throw failed;
      }
      forget(outer);
      List<Batch.Result> results = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        int index = i;
        try {
          results.add(savepoints.run(() -> single.apply(index, items.get(index))));
        } catch (RuntimeException e) {
          forget(outer);
          results.add(failure(index, e));
        }
      }
      return new Batch.Results(results);
    }
  }

  /** After a savepoint rollback the persistence context still holds what was rolled back. */
  private void forget(boolean outer) {
    if (outer) {
      entities.clear();
    }
  }

  private Batch.Results createTogether(List<JsonNode> items, boolean atomic) {
    OpportunityService.WriteContext context = batchContext();
    Batch.Result[] results = new Batch.Result[items.size()];
    List<Opportunity> valid = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      try {
        valid.add(service.newOpportunity(items.get(i), context));
        positions.add(i);
      } catch (RuntimeException e) {
        results[i] = failure(i, e);
      }
    }
    failIfAtomic(atomic, results);
    opportunities.saveAll(valid);
    opportunities.flush();
    associatePrimaryLeads(valid);
    for (int k = 0; k < valid.size(); k++) {
      results[positions.get(k)] = Batch.Result.success(positions.get(k), 201, valid.get(k).id());
    }
    return new Batch.Results(Arrays.asList(results));
  }

  private Batch.Result createOne(int index, JsonNode item) {
    Opportunity opportunity =
        opportunities.saveAndFlush(service.newOpportunity(item, service.writeContext()));
    service.associatePrimaryLead(opportunity);
    return Batch.Result.success(index, 201, opportunity.id());
  }

  private Batch.Results patchTogether(List<JsonNode> items, boolean atomic) {
    OpportunityService.WriteContext context = batchContext();
    Batch.Result[] results = new Batch.Result[items.size()];
    Map<Integer, Long> ids = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      try {
        ids.put(i, idOf(items.get(i)));
      } catch (RuntimeException e) {
        results[i] = failure(i, e);
      }
    }
    Map<Long, Opportunity> locked = new HashMap<>();
    for (Opportunity opportunity : opportunities.findAllForUpdate(new TreeSet<>(ids.values()))) {
      if (Caller.current().sees(opportunity.ownerId())) {
        locked.put(opportunity.id(), opportunity);
      }
    }
    List<Opportunity> changed = new ArrayList<>();
    for (var entry : ids.entrySet()) {
      int i = entry.getKey();
      try {
        Opportunity opportunity =
            Optional.ofNullable(locked.get(entry.getValue()))
                .orElseThrow(() -> new OpportunityNotFound(entry.getValue()));
        service.patchFrom(opportunity, withoutId(items.get(i)), context);
        changed.add(opportunity);
        results[i] = Batch.Result.success(i, 200, opportunity.id());
      } catch (RuntimeException e) {
        results[i] = failure(i, e);
      }
    }
    failIfAtomic(atomic, results);
    opportunities.flush();
    associatePrimaryLeads(changed);
    return new Batch.Results(Arrays.asList(results));
  }

  private Batch.Result patchOne(int index, JsonNode item) {
    long id = idOf(item);
    OpportunityService.WriteContext context = service.writeContext();
    Opportunity opportunity = service.lockForChange(id, IfMatch.NONE, context.definitions());
    service.patchFrom(opportunity, withoutId(item), context);
    opportunities.flush();
    service.associatePrimaryLead(opportunity);
    return Batch.Result.success(index, 200, id);
  }

  /** Like a single write's context, with every stage looked up once for the whole batch. */
  private OpportunityService.WriteContext batchContext() {
    var definitions = service.definitionsForWrite();
    var all = stages.all();
    return new OpportunityService.WriteContext(definitions, id -> Optional.ofNullable(all.get(id)));
  }

  private void associatePrimaryLeads(List<Opportunity> written) {
    List<long[]> pairs = new ArrayList<>();
    for (Opportunity opportunity : written) {
      if (opportunity.primaryLeadId() != null) {
        pairs.add(new long[] {opportunity.id(), opportunity.primaryLeadId()});
      }
    }
    leads.ensureAll(pairs);
  }

  private static void failIfAtomic(boolean atomic, Batch.@Nullable Result[] results) {
    if (atomic && Arrays.stream(results).anyMatch(r -> r != null && r.problem() != null)) {
      List<Batch.Result> failures = new ArrayList<>();
      for (Batch.Result result : results) {
        failures.add(result != null && result.problem() != null ? result : null);
      }
      throw new Batch.AtomicBatchFailed(failures);
    }
  }

  /** The id a batch patch item names. */
  private static long idOf(JsonNode item) {
    JsonNode id = item.isObject() ? item.get("id") : null;
    if (id == null || !id.isIntegralNumber() || !id.canConvertToLong() || id.longValue() < 1) {
      throw new InvalidRequest("id", "is required: the id of the opportunity to patch");
    }
    return id.longValue();
  }

  private static JsonNode withoutId(JsonNode item) {
    ObjectNode patch = ((ObjectNode) item).deepCopy();
    patch.remove("id");
    return patch;
  }

  private static Batch.Result failure(int index, RuntimeException e) {
    ProblemDetail problem = Problems.of(e);
    if (problem == null) {
      throw e;
    }
    return Batch.Result.failure(index, problem);
  }
}
