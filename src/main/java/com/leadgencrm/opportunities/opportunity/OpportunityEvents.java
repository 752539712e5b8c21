package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.event.Change;
import com.leadgencrm.opportunities.event.EventRecorder;
import com.leadgencrm.opportunities.event.EventType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The events of opportunity and association writes (see {@link EventRecorder} for where each write
 * records what): the representations they carry, read as a GET of the REST API answers them, and
 * the changes built from them. Reads here are not scoped to the caller: the write that asks has
 * already checked that the caller may see what it changes.
 */
@Component
class OpportunityEvents {

  private final JdbcClient jdbc;
  private final OpportunityRows rows;
  private final OpportunityFields fields;
  private final EventRecorder recorder;

  OpportunityEvents(
      JdbcClient jdbc, OpportunityRows rows, OpportunityFields fields, EventRecorder recorder) {
    this.jdbc = jdbc;
    this.rows = rows;
    this.fields = fields;
    this.recorder = recorder;
  }

  /** The opportunities with these ids as a GET answers them now, by id in the given order. */
  Map<Long, OpportunityView> views(Collection<Long> ids) {
    return views(ids, fields.definitions());
  }

  /** The opportunities with these ids, their custom fields as these definitions show them. */
  Map<Long, OpportunityView> views(Collection<Long> ids, CustomFieldDefinitions definitions) {
    return views(jdbc, rows, ids, definitions);
  }

  /** The same, for the writers that this component cannot serve (it depends on the fields). */
  static Map<Long, OpportunityView> views(
      JdbcClient jdbc,
      OpportunityRows rows,
      Collection<Long> ids,
      CustomFieldDefinitions definitions) {
    Map<Long, OpportunityView> views = new LinkedHashMap<>();
    if (ids.isEmpty()) {
      return views;
    }
    Map<Long, OpportunityView> read = new java.util.HashMap<>();
    jdbc.sql(
            "select "
                + OpportunityRows.COLUMNS
                + " from opportunity where id = any(cast(:ids as bigint[]))")
        .param("ids", ids.toArray(Long[]::new))
        .query((rs, n) -> rows.view(rs, definitions))
        .list()
        .forEach(view -> read.put(view.id(), view));
    for (Long id : ids) {
      OpportunityView view = read.get(id);
      if (view != null) {
        views.put(id, view);
      }
    }
    return views;
  }

  /**
   * The changes of opportunities: created (no before), updated (both) or deleted (no after), each
   * id in the order of {@code ids}.
   */
  static List<Change> opportunities(
      EventType type,
      Collection<Long> ids,
      Map<Long, OpportunityView> before,
      Map<Long, OpportunityView> after) {
    List<Change> changes = new ArrayList<>(ids.size());
    for (long id : ids) {
      changes.add(Change.of(type, id, before.get(id), after.get(id)));
    }
    return changes;
  }

  /** An association event of an opportunity of this owner. */
  static Change association(
      EventType type,
      @Nullable OpportunityLeadView before,
      @Nullable OpportunityLeadView after,
      long owner) {
    return association(type, before, after, owner, owner);
  }

  /**
   * An association event whose opportunity may change: the owner of its opportunity before and
   * after, so that both see it.
   */
  static Change association(
      EventType type,
      @Nullable OpportunityLeadView before,
      @Nullable OpportunityLeadView after,
      long ownerBefore,
      long ownerAfter) {
    long id = after != null ? after.id() : java.util.Objects.requireNonNull(before).id();
    return Change.ofAssociation(type, id, before, after, ownerBefore, ownerAfter);
  }

  /** Records the changes of one write, in their order, in one round trip. */
  void record(List<Change> changes) {
    if (!changes.isEmpty()) {
      recorder.recordAll(changes);
    }
  }
}
