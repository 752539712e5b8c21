package com.leadgencrm.opportunities.dealstage;

import com.leadgencrm.opportunities.core.Numbers;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A step of the sales pipeline. Guards its own lock ({@code isEditable}). */
@Entity
@Table(name = "deal_stage")
class DealStage {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "deal_stage_id")
  @SequenceGenerator(
      name = "deal_stage_id",
      sequenceName = "deal_stage_id_seq",
      allocationSize = 50)
  private @Nullable Long id;

  private String dealStageName;
  private @Nullable String description;
  private @Nullable BigDecimal defaultProbability;
  private long weight;
  private boolean isEditable;

  @Column(name = "pipeline_id")
  private long pipelineId;

  @Version private long version;
  private Instant createTimestamp;
  private Instant updateTimestamp;

  @SuppressWarnings("NullAway.Init")
  protected DealStage() {}

  DealStage(DealStageInput input, long defaultWeight, long pipelineId) {
    this.pipelineId = pipelineId;
    this.dealStageName = input.dealStageName();
    this.description = input.description();
    this.defaultProbability = input.defaultProbability();
    this.weight = input.weight() != null ? input.weight() : defaultWeight;
    this.isEditable = input.isEditable() == null || input.isEditable();
    this.createTimestamp = now();
    this.updateTimestamp = createTimestamp;
  }

  /**
   * Replaces the stage's properties. A locked stage only accepts the change that unlocks it (or no
   * change at all).
   */
  void replace(DealStageInput input) {
    long newWeight = input.weight() != null ? input.weight() : weight;
    boolean newEditable = input.isEditable() == null || input.isEditable();
    long newPipeline = input.pipelineID() != null ? input.pipelineID() : pipelineId;
    boolean sameContent =
        pipelineId == newPipeline
            && dealStageName.equals(input.dealStageName())
            && Objects.equals(description, input.description())
            && sameNumber(defaultProbability, input.defaultProbability())
            && weight == newWeight;
    if (sameContent && isEditable == newEditable) {
      return;
    }
    if (!isEditable && !(sameContent && newEditable)) {
      throw new DealStageLocked(id());
    }
    this.dealStageName = input.dealStageName();
    this.description = input.description();
    this.defaultProbability = input.defaultProbability();
    this.weight = newWeight;
    this.isEditable = newEditable;
    this.pipelineId = newPipeline;
    this.updateTimestamp = now();
  }

  /** Fails when the stage is locked. */
  void checkDeletable() {
    if (!isEditable) {
      throw new DealStageLocked(id());
    }
  }

  boolean renamesTo(String name) {
    return !dealStageName.equalsIgnoreCase(name);
  }

  long id() {
    return Objects.requireNonNull(id, "not yet persisted");
  }

  long pipelineId() {
    return pipelineId;
  }

  long version() {
    return version;
  }

  @Nullable BigDecimal defaultProbability() {
    return defaultProbability;
  }

  /** The writable properties as a client would send them back. */
  DealStageInput input() {
    return new DealStageInput(
        dealStageName,
        description,
        Numbers.plain(defaultProbability),
        weight,
        isEditable,
        pipelineId);
  }

  DealStageView view() {
    return new DealStageView(
        id(),
        dealStageName,
        description,
        Numbers.plain(defaultProbability),
        weight,
        pipelineId,
        isEditable,
        createTimestamp,
        updateTimestamp);
  }

  private static boolean sameNumber(@Nullable BigDecimal a, @Nullable BigDecimal b) {
    return a == null ? b == null : b != null && a.compareTo(b) == 0;
  }

  private static Instant now() {
    // PostgreSQL keeps microseconds: so does the entity, so that what it returns is what it stored
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
