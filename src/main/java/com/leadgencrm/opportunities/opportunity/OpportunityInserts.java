package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.Versioned;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.generator.BeforeExecutionGenerator;
import org.hibernate.generator.EventType;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * New opportunities, written by one statement that answers them as a read would: each goes as its
 * fields under the names of the columns JPA maps them to, in one JSON array that PostgreSQL turns
 * into rows of the table ({@code json_populate_recordset}), and the statement returns the rows as
 * its triggers completed them (the pipeline of the stage) to the row mapper every read uses. JPA's
 * insert cost a single create a flush (about a sixth of its CPU samples) and a statement to read
 * the row back; a batch, the same for 500 rows (BENCHMARKS.md, twenty-fourth round). The same
 * statement associates each new opportunity with its primary lead, which took a statement of its
 * own (the twenty-sixth round).
 *
 * <p>A column the entity does not map is null in a new row, not its default, unless a trigger fills
 * it ({@code pipeline_id}): a new column is a new field of the entity (a NOT NULL one fails every
 * create of the suite until it is).
 *
 * <p>Ids come from the entity's own generator, which takes blocks of 50 from {@code
 * opportunity_id_seq} as JPA does: instances of an earlier version, which inserted through JPA,
 * share the sequence without ever handing out one id twice.
 */
@Component
class OpportunityInserts {

  /**
   * The rows, then the associations of their primary leads (the CTE sees the rows the first part
   * inserted), answered in one result: each row with its association, if it has a primary lead.
   */
  private static final String INSERT =
      """
      with inserted as (
        insert into opportunity
        select * from json_populate_recordset(null::opportunity, cast(? as json))
        returning *),
      associated as (
        insert into opportunity_lead
            (id, opportunity_id, lead_id, create_timestamp, update_timestamp)
        select nextval('opportunity_lead_id_seq'), i.id, i.primary_lead_id, ?, ?
          from inserted i
         where i.primary_lead_id is not null
        on conflict (opportunity_id, lead_id) do nothing
        returning id, opportunity_id, create_timestamp)
      select %s, i.version,
             a.id as association_id, a.create_timestamp as association_timestamp
        from inserted i left join associated a on a.opportunity_id = i.id"""
          .formatted(
              OpportunityRows.COLUMN_NAMES.stream()
                  .map(column -> "i." + column)
                  .collect(Collectors.joining(", ")));

  /**
   * New opportunities as a read answers them, in their order, and the associations of their primary
   * leads, in the same order.
   */
  record Inserted(
      List<Versioned<OpportunityView>> opportunities, List<OpportunityLeadView> associations) {}

  private final EntityManager entities;
  private final BeforeExecutionGenerator ids;
  private final JdbcClient jdbc;
  private final OpportunityRows rows;

  OpportunityInserts(
      EntityManager entities, EntityManagerFactory factory, JdbcClient jdbc, OpportunityRows rows) {
    this.entities = entities;
    this.ids =
        (BeforeExecutionGenerator)
            factory
                .unwrap(SessionFactoryImplementor.class)
                .getMappingMetamodel()
                .getEntityDescriptor(Opportunity.class)
                .getGenerator();
    this.jdbc = jdbc;
    this.rows = rows;
  }

  /**
   * Inserts the new opportunities, each under an id it takes now, and associates each with its
   * primary lead, in one statement; answers them as a read would, and the associations made.
   */
  Inserted insert(List<Opportunity> created, CustomFieldDefinitions definitions) {
    SharedSessionContractImplementor session =
        entities.unwrap(SharedSessionContractImplementor.class);
    for (Opportunity opportunity : created) {
      opportunity.insertedAs((Long) ids.generate(session, opportunity, null, EventType.INSERT));
    }
    record Row(Versioned<OpportunityView> view, @Nullable OpportunityLeadView association) {}
    OffsetDateTime now = OpportunityLeadWrites.now();
    Map<Long, Row> read = new HashMap<>();
    jdbc.sql(INSERT)
        .param(rows.rowsJson(created))
        .param(now)
        .param(now)
        .query(
            (rs, n) -> {
              Versioned<OpportunityView> view = rows.versioned(rs, definitions);
              OpportunityView body = view.body();
              Instant associatedAt =
                  rs.getObject("association_id") == null
                      ? null
                      : rs.getObject("association_timestamp", OffsetDateTime.class).toInstant();
              return new Row(
                  view,
                  associatedAt == null
                      ? null
                      : new OpportunityLeadView(
                          rs.getLong("association_id"),
                          body.id(),
                          Objects.requireNonNull(body.primaryLeadID()),
                          associatedAt,
                          associatedAt));
            })
        .list()
        .forEach(row -> read.put(row.view().body().id(), row));
    List<Row> inOrder =
        created.stream()
            .map(opportunity -> Objects.requireNonNull(read.get(opportunity.id())))
            .toList();
    return new Inserted(
        inOrder.stream().map(Row::view).toList(),
        inOrder.stream().map(Row::association).filter(Objects::nonNull).toList());
  }
}
