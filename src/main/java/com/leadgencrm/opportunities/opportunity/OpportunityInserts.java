package com.leadgencrm.opportunities.opportunity;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.leadgencrm.opportunities.core.ETags;
import com.leadgencrm.opportunities.core.Versioned;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.generator.BeforeExecutionGenerator;
import org.hibernate.generator.EventType;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.json.JsonMapper;

/**
 * New opportunities, written by one statement that answers them as a read would: their rows go as
 * one JSON array, which PostgreSQL turns into rows of the table ({@code json_populate_recordset}),
 * and the statement returns them as its triggers completed them (the pipeline of the stage). JPA's
 * insert cost a single create a flush (about a sixth of its CPU samples) and a statement to read
 * the row back; a batch, the same for 500 rows (BENCHMARKS.md, twenty-fourth round).
 *
 * <p>Ids come from the entity's own generator, which takes blocks of 50 from {@code
 * opportunity_id_seq} as JPA does: JPA's writes and instances of an earlier version share the
 * sequence without ever handing out one id twice.
 */
@Component
class OpportunityInserts {

  private static final String INSERT =
      """
      insert into opportunity
      select * from json_populate_recordset(null::opportunity, cast(? as json))
      returning %s, version"""
          .formatted(OpportunityRows.COLUMNS);

  /** A new opportunity's row, its properties named as the table's columns. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Row(
      long id,
      long ownerId,
      long dealStageId,
      @Nullable Long accountId,
      @Nullable Long campaignId,
      String opportunityName,
      @Nullable BigDecimal probability,
      boolean probabilityExplicit,
      @Nullable BigDecimal amount,
      String currency,
      boolean isClosed,
      boolean isWon,
      boolean isActive,
      Instant closeDate,
      @Nullable Long originatingLeadId,
      @Nullable Long primaryLeadId,
      Instant createTimestamp,
      Instant updateTimestamp,
      Instant stageChangeTimestamp,
      @JsonRawValue String customFields,
      long version) {}

  private final EntityManager entities;
  private final BeforeExecutionGenerator ids;
  private final JdbcClient jdbc;
  private final JsonMapper mapper;
  private final OpportunityRows rows;

  OpportunityInserts(
      EntityManager entities,
      EntityManagerFactory factory,
      JdbcClient jdbc,
      JsonMapper mapper,
      OpportunityRows rows) {
    this.entities = entities;
    this.ids =
        (BeforeExecutionGenerator)
            factory
                .unwrap(SessionFactoryImplementor.class)
                .getMappingMetamodel()
                .getEntityDescriptor(Opportunity.class)
                .getGenerator();
    this.jdbc = jdbc;
    this.mapper = mapper;
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
    List<Row> inserted = new ArrayList<>(created.size());
    for (Opportunity opportunity : created) {
      long id = (Long) ids.generate(session, opportunity, null, EventType.INSERT);
      inserted.add(opportunity.insertedAs(id));
    }
    Map<Long, Versioned<OpportunityView>> read = new HashMap<>();
    jdbc.sql(INSERT)
        .param(mapper.writeValueAsString(inserted))
        .query(
            (rs, n) ->
                new Versioned<>(
                    rows.view(rs, definitions),
                    ETags.of(rs.getLong("version"), definitions.epoch())))
        .list()
        .forEach(view -> read.put(view.body().id(), view));
    return inserted.stream().map(row -> Objects.requireNonNull(read.get(row.id()))).toList();
  }
}
