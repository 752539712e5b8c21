package com.leadgencrm.opportunities.field;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The custom field definitions, cached, and never older than the request that reads them.
 *
 * <p>Every change to {@code field} bumps {@code field_catalog.version} (a trigger, so changes made
 * through any instance of the service, or by hand, count). The statement that checks a request's
 * API key reads that version too ({@link #VERSION_SQL}) and hands it to {@link #observed}; the
 * definitions of that version or a later one are then served from memory. Reading the custom fields
 * of every request from the database cost a round trip and about 8% of the CPU of a GET.
 *
 * <p>When the key check is answered from the key cache (no statement at all), the request observes
 * {@link #committedVersion}: the newest version this instance knows committed, from the
 * notifications every change sends (V60), from its own changes once they commit, and from key
 * checks that read it.
 */
@Component
public class FieldCatalog {

  /** A scalar subquery with the current version, for the first statement of a request. */
  public static final String VERSION_SQL = "(select version from field_catalog)";

  private static final String OBSERVED = FieldCatalog.class.getName() + ".observed";

  private record Snapshot(long version, Map<String, List<FieldRef>> byRelationship) {}

  private final JdbcClient jdbc;
  private final Counter loads;
  private volatile Snapshot snapshot = new Snapshot(0, Map.of());
  private final AtomicLong committed = new AtomicLong();

  FieldCatalog(JdbcClient jdbc, MeterRegistry meters) {
    this.jdbc = jdbc;
    this.loads =
        Counter.builder("crm.field.catalog.loads")
            .description("Reads of the field definitions from the database (the cache was behind)")
            .register(meters);
  }

  /** Notes the version the current request saw when it started. */
  public static void observed(long version) {
    RequestAttributes request = RequestContextHolder.getRequestAttributes();
    if (request != null) {
      request.setAttribute(OBSERVED, version, RequestAttributes.SCOPE_REQUEST);
    }
  }

  /** Notes that this version of the definitions is committed (announced, read or written here). */
  public void committed(long version) {
    committed.accumulateAndGet(version, Math::max);
  }

  /** The newest version of the definitions this instance knows to be committed. */
  public long committedVersion() {
    return committed.get();
  }

  /**
   * Makes the current transaction the only one changing definitions until it ends. Every change
   * takes this lock before any other, then what its values and indexes need of the opportunity
   * table. (The field table's trigger locked the catalog's row as the field was written: after a
   * deletion had locked the opportunity table, while a creation that held the row waited to index
   * that table. The two deadlocked, and normal writes waiting behind them failed with them.)
   */
  void lockForChange() {
    jdbc.sql("select version from field_catalog for update").query(Long.class).single();
  }

  /**
   * For a transaction that changed definitions (after its statements ran): once it commits, this
   * instance knows the new version at once, before the notification comes back to it, so that its
   * next request sees the change.
   */
  void changedInThisTransaction() {
    // the row is locked by this transaction's change until it ends: the version is this change's
    long version = jdbc.sql("select version from field_catalog").query(Long.class).single();
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              committed(version);
            }
          });
    } else {
      committed(version);
    }
  }

  /**
   * The custom fields of a kind of object, active or not, in id order: as new as the version the
   * current request observed, or read now when it observed none. The same list instance comes back
   * until the definitions change.
   */
  public List<FieldRef> customFields(String relationship) {
    RequestAttributes request = RequestContextHolder.getRequestAttributes();
    Object observed =
        request == null ? null : request.getAttribute(OBSERVED, RequestAttributes.SCOPE_REQUEST);
    Snapshot current = snapshot;
    if (!(observed instanceof Long version) || current.version() < version) {
      current = load();
    }
    return current.byRelationship().getOrDefault(relationship, List.of());
  }

  /**
   * The custom fields as committed now, for a write that holds the lock that orders it with field
   * changes: one small statement when the cache is current.
   */
  public List<FieldRef> currentCustomFields(String relationship) {
    long version = jdbc.sql("select version from field_catalog").query(Long.class).single();
    return customFieldsAt(relationship, version);
  }

  /**
   * The custom fields of a kind of object at a version of the definitions this transaction has just
   * read (after the lock that orders it with field changes): from memory when the cache holds that
   * version.
   */
  public List<FieldRef> customFieldsAt(String relationship, long version) {
    Snapshot current = snapshot;
    if (current.version() != version) {
      current = load();
    }
    return current.byRelationship().getOrDefault(relationship, List.of());
  }

  private Snapshot load() {
    loads.increment();
    record Row(long version, @Nullable FieldRef field) {}
    List<Row> rows =
        jdbc.sql(
                """
                select c.version, f.id, f.relationship, f.system_name, f.data_type, f.data_length,
                       f.is_required, f.is_active, f.is_custom, f.is_unique
                  from field_catalog c left join field f on f.is_custom
                 order by f.id""")
            .query(
                (rs, n) ->
                    new Row(
                        rs.getLong("version"),
                        rs.getObject("id") == null
                            ? null
                            : new FieldRef(
                                rs.getLong("id"),
                                rs.getString("relationship"),
                                rs.getString("system_name"),
                                Objects.requireNonNull(DataType.of(rs.getString("data_type"))),
                                rs.getInt("data_length"),
                                rs.getBoolean("is_required"),
                                rs.getBoolean("is_active"),
                                rs.getBoolean("is_custom"),
                                rs.getBoolean("is_unique"))))
            .list();
    long version = rows.isEmpty() ? 0 : rows.get(0).version();
    List<FieldRef> fields = new ArrayList<>();
    rows.forEach(row -> fields.add(row.field()));
    fields.removeIf(Objects::isNull);
    Snapshot loaded =
        new Snapshot(
            version,
            fields.stream()
                .collect(
                    Collectors.groupingBy(
                        FieldRef::relationship, Collectors.toUnmodifiableList())));
    // what a transaction that writes sees may include its own field changes, which may roll back;
    // a version this instance knows committed holds none of them (a field change holds the
    // catalog's row until it ends, so its version is above every committed one until then).
    // Without that, writes alone (an import) would read the definitions twice each, for ever,
    // once a field change had come from elsewhere.
    boolean committed =
        !TransactionSynchronizationManager.isActualTransactionActive()
            || TransactionSynchronizationManager.isCurrentTransactionReadOnly()
            || loaded.version() <= committedVersion();
    synchronized (this) {
      if (committed && snapshot.version() < loaded.version()) {
        snapshot = loaded;
      }
    }
    return loaded;
  }
}
