package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.Versioned;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.generator.BeforeExecutionGenerator;
import org.hibernate.generator.EventType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * New opportunities, written by one statement that answers them as a read would: each goes as its
 * fields under the names of the columns JPA maps them to, in one JSON array that PostgreSQL turns
 * into rows of the table ({@code json_populate_recordset}), and the statement returns the rows as
 * its triggers completed them (the pipeline of the stage) to the row mapper every read uses. JPA's
 * insert cost a single create a flush (about a sixth of its CPU samples) and a statement to read
 * the row back; a batch, the same for 500 rows (BENCHMARKS.md, twenty-fourth round).
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

  private static final String INSERT =
      """
      insert into opportunity
      select * from json_populate_recordset(null::opportunity, cast(? as json))
      returning %s, version"""
          .formatted(OpportunityRows.COLUMNS);

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
   * Inserts the new opportunities, each under an id it takes now, and answers them as a read would,
   * in their order.
   */
  List<Versioned<OpportunityView>> insert(
      List<Opportunity> created, CustomFieldDefinitions definitions) {
    SharedSessionContractImplementor session =
        entities.unwrap(SharedSessionContractImplementor.class);
    for (Opportunity opportunity : created) {
      opportunity.insertedAs((Long) ids.generate(session, opportunity, null, EventType.INSERT));
    }
    Map<Long, Versioned<OpportunityView>> read = new HashMap<>();
    jdbc.sql(INSERT)
        .param(rows.rowsJson(created))
        .query((rs, n) -> rows.versioned(rs, definitions))
        .list()
        .forEach(view -> read.put(view.body().id(), view));
    return created.stream()
        .map(opportunity -> Objects.requireNonNull(read.get(opportunity.id())))
        .toList();
  }
}
