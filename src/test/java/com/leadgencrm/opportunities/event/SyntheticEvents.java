package com.leadgencrm.opportunities.event;

import com.leadgencrm.opportunities.core.Caller;
import com.leadgencrm.opportunities.support.Api;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Events recorded straight through the recorder, as a write path will, for resources that do not
 * exist: ids from {@link #BASE} up, so that {@link #cleanUp()} can take them away again (later
 * tests validate whatever the feed holds against the OpenAPI document, and these representations
 * are only as complete as the schemas of today).
 */
public final class SyntheticEvents {

  /** Resource ids of synthetic events start here, far above any real resource of a test run. */
  public static final long BASE = 900_000_000_000_000_000L;

  private static final AtomicLong NEXT = new AtomicLong(BASE);

  private final EventRecorder recorder;
  private final TransactionTemplate transactions;
  private final JdbcClient jdbc;

  public SyntheticEvents(
      EventRecorder recorder, PlatformTransactionManager transactions, JdbcClient jdbc) {
    this.recorder = recorder;
    this.transactions = new TransactionTemplate(transactions);
    this.jdbc = jdbc;
  }

  public static long nextId() {
    return NEXT.incrementAndGet();
  }

  /** Runs recording work in a transaction of its own, as this caller. */
  public <T> T inTransaction(Caller caller, Function<EventRecorder, T> work) {
    return as(caller, () -> transactions.execute(status -> work.apply(recorder)));
  }

  /** Runs work as this caller (Caller.current() answers it). */
  public static <T> T as(Caller caller, java.util.function.Supplier<T> work) {
    return Caller.actingAs(
        new TestingAuthenticationToken(caller, null, caller.role().authority()), work);
  }

  public TransactionTemplate transactions() {
    return transactions;
  }

  /** Deletes the synthetic events. */
  public void cleanUp() {
    jdbc.sql("delete from event where aggregate_id >= :base").param("base", BASE).update();
  }

  /** An opportunity as GET /opportunities/{id} answers it today. */
  public static Map<String, Object> opportunity(
      long id, long owner, @Nullable String amount, String updated) {
    Map<String, Object> opportunity = new LinkedHashMap<>();
    opportunity.put("id", id);
    opportunity.put("ownerID", owner);
    opportunity.put("dealStageID", 2);
    opportunity.put("accountID", null);
    opportunity.put("campaignID", null);
    opportunity.put("opportunityName", "Acme " + id);
    opportunity.put("probability", new BigDecimal("20"));
    opportunity.put("amount", amount == null ? null : new BigDecimal(amount));
    opportunity.put("isClosed", false);
    opportunity.put("isWon", false);
    opportunity.put("isActive", true);
    opportunity.put("closeDate", "2026-12-31T00:00:00Z");
    opportunity.put("originatingLeadID", null);
    opportunity.put("primaryLeadID", null);
    opportunity.put("createTimestamp", "2026-11-28T09:30:00Z");
    opportunity.put("updateTimestamp", updated);
    opportunity.put("stageChangeTimestamp", "2026-11-28T09:30:00Z");
    return opportunity;
  }

  /** The same opportunity with some properties changed (or custom fields added). */
  public static Map<String, Object> with(Map<String, Object> representation, Object... pairs) {
    Map<String, Object> changed = new LinkedHashMap<>(representation);
    for (int i = 0; i < pairs.length; i += 2) {
      changed.put((String) pairs[i], pairs[i + 1]);
    }
    return changed;
  }

  /** A deal stage as GET /dealStages/{id} answers it today. */
  public static Map<String, Object> dealStage(long id, String name) {
    Map<String, Object> stage = new LinkedHashMap<>();
    stage.put("id", id);
    stage.put("dealStageName", name);
    stage.put("description", null);
    stage.put("defaultProbability", new BigDecimal("35"));
    stage.put("weight", 3);
    stage.put("isEditable", true);
    stage.put("createTimestamp", "2026-11-28T09:30:00Z");
    stage.put("updateTimestamp", "2026-11-28T09:30:00Z");
    return stage;
  }

  /** An association as GET /opportunityLeads/{id} answers it today. */
  public static Map<String, Object> association(long id, long opportunityId, long leadId) {
    Map<String, Object> association = new LinkedHashMap<>();
    association.put("id", id);
    association.put("opportunityID", opportunityId);
    association.put("leadID", leadId);
    association.put("createTimestamp", "2026-11-28T09:30:00Z");
    association.put("updateTimestamp", "2026-11-28T09:30:00Z");
    return association;
  }

  /**
   * Inserts the event {@code opportunity.<action>} of opportunity {@code id} whose {@code data} is
   * {@code data}, at {@code at}, as a committing write numbers it: the feed's next id, taken
   * holding the feed's writing lock in the same statement (the feed and the projection of
   * opportunity states read up to the feed's head, which waits for the holders of that lock).
   */
  public static void insertOpportunityEvent(
      JdbcClient jdbc,
      String action,
      long id,
      long owner,
      Instant at,
      Map<String, ? extends @Nullable Object> data) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("type", "opportunity." + action);
    payload.put("occurredAt", at.toString());
    payload.put("data", data);
    jdbc.sql(
            """
            with writing as (select event_feed_writing())
            insert into event (id, type, aggregate_type, aggregate_id, opportunity_id, owner_before,
                               owner_after, occurred_at, transaction_id, payload)
            select nextval('event_id_seq'), :type, 'opportunity', :id, :id, :owner, :owner, :at,
                   :tx, cast(:payload as json)
              from writing""")
        .param("type", "opportunity." + action)
        .param("id", id)
        .param("owner", owner)
        .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
        .param("tx", UUID.randomUUID())
        .param("payload", Api.json(payload))
        .update();
  }
}
