package com.leadgencrm.opportunities.event;

import com.leadgencrm.opportunities.core.Caller;
import com.leadgencrm.opportunities.core.InvalidField;
import com.leadgencrm.opportunities.core.InvalidInput;
import com.leadgencrm.opportunities.core.NotFound;
import com.leadgencrm.opportunities.core.Permission;
import com.leadgencrm.opportunities.core.Requires;
import com.leadgencrm.opportunities.query.Cursor;
import com.leadgencrm.opportunities.query.Cursors;
import com.leadgencrm.opportunities.query.PageBytes;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads events: the feed in id order, the history of one opportunity, and what webhooks deliver. A
 * page of the feed first finds the feed's head ({@link EventLog#head()}: no transaction in flight
 * below it), then reads up to it in one snapshot taken after it.
 */
@Service
public class EventFeed {

  private final Cursors cursors;

  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 500;

  private final JdbcClient jdbc;
  private final EventProperties properties;
  private final TransactionTemplate snapshot;
  private final EventLog log;

  EventFeed(
      JdbcClient jdbc,
      EventProperties properties,
      PlatformTransactionManager transactions,
      EventLog log,
      Cursors cursors) {
    this.cursors = cursors;
    this.jdbc = jdbc;
    this.log = log;
    this.properties = properties;
    this.snapshot = new TransactionTemplate(transactions);
    // the start and the events it bounds must be read in one snapshot
    snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    snapshot.setReadOnly(true);
  }

  /** The filters of a feed query, checked. */
  record Filter(
      Set<String> types, Set<String> resourceTypes, Set<Long> resourceIds, String fingerprint) {}

  /**
   * A page of the feed, in id order, of what the caller may see: salespeople see the events of
   * their own opportunities (owner before or after the change) and their associations, and every
   * deal stage, pipeline and field event.
   *
   * @throws FeedCursorExpired when the position is older than the feed's retention
   */
  @Requires(Permission.READ)
  public FeedPage page(FeedQuery query, Caller caller) {
    List<InvalidField> errors = new ArrayList<>();
    Filter filter = filter(query, errors);
    int limit = limit(query.limit(), errors);
    Long after = query.after();
    if (after != null && after < 0) {
      errors.add(new InvalidField("after", "must be an event id, 0 or more"));
    }
    if (after != null && query.cursor() != null) {
      errors.add(new InvalidField("cursor", "give either after or cursor, not both"));
    }
    if (query.cursor() != null && errors.isEmpty()) {
      Cursor cursor = cursors.decode(query.cursor());
      if (!cursor.value().equals("feed") || !cursor.filters().equals(filter.fingerprint())) {
        errors.add(
            new InvalidField(
                "cursor", "belongs to another query; repeat the filters of the first page"));
      }
      after = cursor.id();
    }
    if (!errors.isEmpty()) {
      errors.sort(java.util.Comparator.comparing(InvalidField::field));
      throw new InvalidInput(errors);
    }
    Long from = after;
    // before the snapshot: every event up to it has committed when the snapshot is taken
    long head = log.head();
    return snapshot.execute(status -> read(filter, from, head, limit, caller));
  }

  private FeedPage read(Filter filter, @Nullable Long after, long head, int limit, Caller caller) {
    long start = log.start();
    long from = after == null ? start : after;
    if (from < start) {
      throw new FeedCursorExpired(start, properties.retentionDays());
    }
    Long me = caller.ownerScope();
    JdbcClient.StatementSpec statement =
        jdbc.sql(statement(filter, me != null))
            .param("from", from)
            .param("head", head)
            .param("limit", limit);
    if (!filter.types().isEmpty()) {
      statement = statement.param("types", List.copyOf(filter.types()));
    }
    if (!filter.resourceTypes().isEmpty()) {
      statement = statement.param("resourceTypes", List.copyOf(filter.resourceTypes()));
    }
    if (!filter.resourceIds().isEmpty()) {
      statement = statement.param("resourceIds", List.copyOf(filter.resourceIds()));
    }
    if (me != null) {
      statement = statement.param("me", me);
    }
    long[] last = {from};
    long[] taken = {0};
    List<String> items = new ArrayList<>();
    statement.query(
        (ResultSet rs) -> {
          taken[0] = rs.getLong(PageBytes.TAKEN);
          last[0] = rs.getLong("id");
          items.add(json(last[0], rs.getString("payload")));
        });
    // a short page that its bytes did not end read everything up to the head of this snapshot:
    // continue from there
    long next = taken[0] > items.size() || items.size() == limit ? last[0] : Math.max(from, head);
    return new FeedPage(
        items, cursors.encode(new Cursor("id", false, "feed", next, filter.fingerprint())));
  }

  /**
   * The statement of a page of the feed, for every caller or for one owner ({@code :me}), in id
   * order, bounded in bytes ({@link PageBytes}).
   */
  static String statement(Filter filter, boolean ownerScoped) {
    return PageBytes.fitting(events(filter, ownerScoped), PageBytes.of("page.payload"), "id");
  }

  private static String events(Filter filter, boolean ownerScoped) {
    String where =
        "id > :from and id <= :head"
            + (filter.types().isEmpty() ? "" : " and type in (:types)")
            + (filter.resourceTypes().isEmpty() ? "" : " and aggregate_type in (:resourceTypes)")
            + (filter.resourceIds().isEmpty() ? "" : " and " + resources(filter.resourceTypes()));
    return !ownerScoped
        ? "select id, payload from event where " + where + " order by id limit :limit"
        // each branch walks an index of its own: an owner's events are found without reading
        // everyone else's. Most events keep their owner (owner_before is owner_after, or there
        // is no before): only the others are in the index of owner_before (V73), the branch
        // repeats its condition
        : """
              select id, payload from (
                (select id, payload from event where %1$s and owner_after = :me
                  order by id limit :limit)
                union all
                (select id, payload from event where %1$s and owner_before = :me
                    and owner_before is not null and owner_before is distinct from owner_after
                  order by id limit :limit)
                union all
                (select id, payload from event where %1$s and opportunity_id is null
                  order by id limit :limit)) e
              order by id limit :limit"""
            .formatted(where);
  }

  /**
   * The events of the resources {@code :resourceIds} names. An opportunity's own events are found
   * by {@code opportunity_id} (the index of its history), every other resource's by {@code
   * aggregate_id}: the index of that column leaves opportunities out (V77), one index entry less
   * for most events a write adds.
   */
  private static String resources(Set<String> resourceTypes) {
    String opportunity = ResourceType.OPPORTUNITY.value();
    String opportunities =
        "aggregate_type = '" + opportunity + "' and opportunity_id in (:resourceIds)";
    String others = "aggregate_type <> '" + opportunity + "' and aggregate_id in (:resourceIds)";
    if (resourceTypes.equals(Set.of(opportunity))) {
      return opportunities;
    }
    if (!resourceTypes.isEmpty() && !resourceTypes.contains(opportunity)) {
      return others;
    }
    return "(" + opportunities + " or " + others + ")";
  }

  /**
   * One opportunity's events, newest first, kept as long as the opportunity and a year after its
   * purge (whatever the feed's retention). A salesperson who owns it sees all of it, otherwise the
   * events of the time they owned it.
   *
   * @throws NotFound when the caller sees no event of the opportunity
   */
  @Requires(Permission.READ)
  public FeedPage history(
      long opportunityId,
      @Nullable String cursorText,
      @Nullable Integer limitValue,
      Caller caller) {
    List<InvalidField> errors = new ArrayList<>();
    int limit = limit(limitValue, errors);
    Long before = null;
    String fingerprint = "opportunity/" + opportunityId;
    if (cursorText != null && errors.isEmpty()) {
      Cursor cursor = cursors.decode(cursorText);
      if (!cursor.value().equals("history") || !cursor.filters().equals(fingerprint)) {
        errors.add(new InvalidField("cursor", "belongs to another list"));
      }
      before = cursor.id();
    }
    if (!errors.isEmpty()) {
      throw new InvalidInput(errors);
    }
    Long until = before;
    return snapshot.execute(
        status -> {
          Long me = caller.ownerScope();
          boolean whole = me == null || me.equals(currentOwner(opportunityId));
          long[] last = {0};
          List<String> items = new ArrayList<>();
          long[] taken = {0};
          jdbc.sql(
                  PageBytes.fitting(
                      "select id, payload from event where opportunity_id = :opportunity"
                          + (until == null ? "" : " and id < :before")
                          + (whole ? "" : " and (owner_before = :me or owner_after = :me)")
                          + " order by id desc limit :limit",
                      PageBytes.of("page.payload"),
                      "id desc"))
              .param("opportunity", opportunityId)
              .param("before", until == null ? 0 : until)
              .param("me", me == null ? 0 : me)
              .param("limit", limit + 1)
              .query(
                  (ResultSet rs) -> {
                    taken[0] = rs.getLong(PageBytes.TAKEN);
                    if (items.size() < limit) {
                      last[0] = rs.getLong("id");
                      items.add(json(last[0], rs.getString("payload")));
                    }
                  });
          // more follow when one past the page came, or when the bytes ended it
          boolean more = taken[0] > items.size();
          if (items.isEmpty() && until == null) {
            throw new NoHistory(opportunityId);
          }
          if (!more) {
            return new FeedPage(items, null);
          }
          return new FeedPage(
              items, cursors.encode(new Cursor("id", true, "history", last[0], fingerprint)));
        });
  }

  /** The owner of the opportunity by its last event (null once deleted). */
  private @Nullable Long currentOwner(long opportunityId) {
    return jdbc.sql(
            """
            select owner_after from event
             where opportunity_id = :opportunity and aggregate_type = 'opportunity'
             order by id desc limit 1""")
        .param("opportunity", opportunityId)
        .query((rs, n) -> rs.getObject("owner_after", Long.class))
        .optional()
        .orElse(null);
  }

  /** No event of this opportunity that the caller may see. */
  static final class NoHistory extends NotFound {
    NoHistory(long opportunityId) {
      super("Opportunity", opportunityId);
    }
  }

  /** The stored payload lacks the id, which the write took at commit: it goes first. */
  static String json(long id, String payload) {
    return "{\"id\":" + id + "," + payload.substring(payload.indexOf('{') + 1);
  }

  private static int limit(@Nullable Integer limit, List<InvalidField> errors) {
    if (limit == null) {
      return DEFAULT_LIMIT;
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      errors.add(new InvalidField("limit", "must be between 1 and " + MAX_LIMIT));
      return DEFAULT_LIMIT;
    }
    return limit;
  }

  static Filter filter(FeedQuery query, List<InvalidField> errors) {
    Set<String> types = new TreeSet<>();
    for (String pattern : query.types()) {
      if (EventTypes.matching(pattern).isEmpty()) {
        errors.add(new InvalidField("type", "must be " + EventTypes.described()));
      } else {
        types.addAll(EventTypes.names(List.of(pattern)));
      }
    }
    Set<String> resourceTypes = new TreeSet<>();
    for (String resourceType : query.resourceTypes()) {
      if (ResourceType.of(resourceType).isEmpty()) {
        errors.add(
            new InvalidField(
                "resourceType",
                "must be opportunity, opportunityLead, dealStage, pipeline or field"));
      } else {
        resourceTypes.add(resourceType);
      }
    }
    Set<Long> resourceIds = new TreeSet<>(query.resourceIds());
    CRC32 crc = new CRC32();
    crc.update((types + "|" + resourceTypes + "|" + resourceIds).getBytes(StandardCharsets.UTF_8));
    return new Filter(types, resourceTypes, resourceIds, Long.toHexString(crc.getValue()));
  }
}
