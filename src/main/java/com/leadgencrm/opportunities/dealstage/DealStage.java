package com.leadgencrm.opportunities.dealstage;

import com.leadgencrm.opportunities.core.Numbers;
import com.leadgencrm.opportunities.core.TrackedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A step of the sales pipeline. Guards its own lock ({@code isEditable}). */
@Entity
@Table(name = "deal_stage")
@SequenceGenerator(sequenceName = "deal_stage_id_seq", allocationSize = 50)
class DealStage extends TrackedEntity {

  private String dealStageName;
  private @Nullable String description;
  private @Nullable BigDecimal defaultProbability;
  private long weight;
  private boolean isEditable;

  @Column(name = "pipeline_id")
  private long pipelineId;

  @SuppressWarnings("NullAway.Init")
  protected DealStage() {}

  DealStage(DealStageInput input, long defaultWeight, long pipelineId) {
    this.pipelineId = pipelineId;
    this.dealStageName = input.dealStageName();
    this.description = input.description();
    this.defaultProbability = input.defaultProbability();
    this.weight = input.weight() != null ? input.weight() : defaultWeight;
    this.isEditable = input.isEditable() == null || input.isEditable();
    created();
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
    changed();
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

  long pipelineId() {
    return pipelineId;
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
        createTimestamp(),
        updateTimestamp());
  }

  private static boolean sameNumber(@Nullable BigDecimal a, @Nullable BigDecimal b) {
    return a == null ? b == null : b != null && a.compareTo(b) == 0;
  }
}
