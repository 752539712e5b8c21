package com.leadgencrm.opportunities.dealstage;

import com.leadgencrm.opportunities.core.TrackedEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A sales process with its own deal stages. At most one pipeline is the default. */
@Entity
@Table(name = "pipeline")
@SequenceGenerator(sequenceName = "pipeline_id_seq", allocationSize = 50)
class Pipeline extends TrackedEntity {

  private String name;
  private boolean isDefault;
  private long weight;

  @SuppressWarnings("NullAway.Init")
  protected Pipeline() {}

  Pipeline(PipelineInput input, long defaultWeight) {
    this.name = input.name();
    this.isDefault = Boolean.TRUE.equals(input.isDefault());
    this.weight = input.weight() != null ? input.weight() : defaultWeight;
    created();
  }

  /**
   * Replaces the properties; the default pipeline stays the default until another one becomes it.
   */
  void replace(PipelineInput input) {
    boolean newDefault = input.isDefault() == null ? isDefault : input.isDefault();
    if (isDefault && !newDefault) {
      throw new PipelineConflict(
          "Pipeline " + id() + " is the default: make another pipeline the default instead");
    }
    long newWeight = input.weight() != null ? input.weight() : weight;
    if (name.equals(input.name()) && weight == newWeight && isDefault == newDefault) {
      return;
    }
    this.name = input.name();
    this.weight = newWeight;
    this.isDefault = newDefault;
    changed();
  }

  /** No longer the default, as another pipeline becomes it. */
  void undefault() {
    if (isDefault) {
      this.isDefault = false;
      changed();
    }
  }

  boolean isDefault() {
    return isDefault;
  }

  boolean renamesTo(String newName) {
    return !name.equalsIgnoreCase(newName);
  }

  /** The writable properties as a client would send them back. */
  PipelineInput input() {
    return new PipelineInput(name, isDefault, weight);
  }

  PipelineView view() {
    return new PipelineView(id(), name, isDefault, weight, createTimestamp(), updateTimestamp());
  }
}
