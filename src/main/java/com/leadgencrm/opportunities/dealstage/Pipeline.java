package com.leadgencrm.opportunities.dealstage;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A sales process with its own deal stages. At most one pipeline is the default. */
@Entity
@Table(name = "pipeline")
class Pipeline {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "pipeline_id")
  @SequenceGenerator(name = "pipeline_id", sequenceName = "pipeline_id_seq", allocationSize = 50)
  private @Nullable Long id;

  private String name;
  private boolean isDefault;
  private long weight;
  @Version private long version;
  private Instant createTimestamp;
  private Instant updateTimestamp;

  @SuppressWarnings("NullAway.Init")
  protected Pipeline() {}

  Pipeline(PipelineInput input, long defaultWeight) {
    this.name = input.name();
    this.isDefault = Boolean.TRUE.equals(input.isDefault());
    this.weight = input.weight() != null ? input.weight() : defaultWeight;
    this.createTimestamp = now();
    this.updateTimestamp = createTimestamp;
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
    this.updateTimestamp = now();
  }

  /** No longer the default, as another pipeline becomes it. */
  void undefault() {
    if (isDefault) {
      this.isDefault = false;
      this.updateTimestamp = now();
    }
  }

  boolean isDefault() {
    return isDefault;
  }

  boolean renamesTo(String newName) {
    return !name.equalsIgnoreCase(newName);
  }

  long id() {
    return Objects.requireNonNull(id, "not yet persisted");
  }

  long version() {
    return version;
  }

  /** The writable properties as a client would send them back. */
  PipelineInput input() {
    return new PipelineInput(name, isDefault, weight);
  }

  PipelineView view() {
    return new PipelineView(id(), name, isDefault, weight, createTimestamp, updateTimestamp);
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
