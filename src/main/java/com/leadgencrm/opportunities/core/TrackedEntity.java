package com.leadgencrm.opportunities.core;

import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What every entity of the service keeps: its id, from the sequence that the entity class names
 * with an unnamed {@code @SequenceGenerator}; the version that optimistic locking checks; and when
 * it was created and last changed, to the microsecond as PostgreSQL keeps them.
 */
@MappedSuperclass
public abstract class TrackedEntity {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE)
  private @Nullable Long id;

  @Version private long version;
  private Instant createTimestamp;
  private Instant updateTimestamp;

  @SuppressWarnings("NullAway.Init")
  protected TrackedEntity() {}

  /** A new entity: created and last changed now. */
  protected final void created() {
    this.createTimestamp = Instant.now().truncatedTo(ChronoUnit.MICROS);
    this.updateTimestamp = createTimestamp;
  }

  /** Changed now; returns when. */
  protected final Instant changed() {
    this.updateTimestamp = Instant.now().truncatedTo(ChronoUnit.MICROS);
    return updateTimestamp;
  }

  /** Takes the id under which a new entity's row is written without JPA; only once. */
  protected final void identify(long id) {
    if (this.id != null) {
      throw new IllegalStateException("already identified as " + this.id);
    }
    this.id = id;
  }

  public final long id() {
    return Objects.requireNonNull(id, "not yet persisted");
  }

  public final long version() {
    return version;
  }

  protected final Instant createTimestamp() {
    return createTimestamp;
  }

  protected final Instant updateTimestamp() {
    return updateTimestamp;
  }
}
