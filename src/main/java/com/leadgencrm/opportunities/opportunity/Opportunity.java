package com.leadgencrm.opportunities.opportunity;

import com.leadgencrm.opportunities.core.TrackedEntity;
import com.leadgencrm.opportunities.dealstage.StageRef;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/**
 * A potential deal. Holds the pipeline rules that concern one opportunity: the probability that
 * follows the stage unless set explicitly, and won implying closed.
 *
 * <p>Its rows are written by statements of their own ({@link OpportunityInserts}, {@link
 * OpportunityUpdates}), which carry its fields under the names of their columns; JPA maps it for
 * its id generator and for the schema's validation at start-up, and writes none of it.
 */
@Entity
@Table(name = "opportunity")
@SequenceGenerator(sequenceName = "opportunity_id_seq", allocationSize = 50)
class Opportunity extends TrackedEntity {

  @Column(name = "owner_id")
  private long ownerId;

  @Column(name = "deal_stage_id")
  private long dealStageId;

  @Column(name = "account_id")
  private @Nullable Long accountId;

  @Column(name = "campaign_id")
  private @Nullable Long campaignId;

  private String opportunityName;
  private @Nullable BigDecimal probability;
  private boolean probabilityExplicit;
  private @Nullable BigDecimal amount;
  private String currency;
  private boolean isClosed;
  private boolean isWon;
  private boolean isActive;
  private Instant closeDate;

  @Column(name = "originating_lead_id")
  private @Nullable Long originatingLeadId;

  @Column(name = "primary_lead_id")
  private @Nullable Long primaryLeadId;

  /** Custom-field values by systemName (JSON object), see {@link CustomValues}. */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "custom_fields")
  private String customFields = "{}";

  private Instant stageChangeTimestamp;

  @SuppressWarnings("NullAway.Init")
  protected Opportunity() {}

  /**
   * A new opportunity.
   *
   * @param wonSaid whether the client said isWon itself (see {@link #settle})
   */
  Opportunity(OpportunityInput input, boolean wonSaid, StageRef stage, String customFields) {
    set(input, wonSaid, stage);
    this.customFields = customFields;
    created();
    this.stageChangeTimestamp = createTimestamp();
  }

  /**
   * Replaces every writable property; no change leaves the version and timestamps alone.
   *
   * @param newCustomFields the custom values to store, or null when they do not change
   */
  void replace(
      OpportunityInput input, boolean wonSaid, StageRef stage, @Nullable String newCustomFields) {
    Snapshot before = snapshot();
    set(input, wonSaid, stage);
    if (newCustomFields != null) {
      this.customFields = newCustomFields;
    }
    if (newCustomFields != null || !snapshot().equals(before)) {
      changed();
    }
    if (dealStageId != before.dealStageId()) {
      this.stageChangeTimestamp = updateTimestamp();
    }
  }

  private void set(OpportunityInput input, boolean wonSaid, StageRef stage) {
    this.ownerId = Objects.requireNonNull(input.ownerID());
    this.accountId = input.accountID();
    this.campaignId = input.campaignID();
    this.opportunityName = Objects.requireNonNull(input.opportunityName());
    setProbability(input.probability(), stage);
    moveTo(stage);
    // stored with the currency's fraction digits: what a create returns is what a read returns
    this.currency = Objects.requireNonNull(input.currency(), "resolved by OpportunityDrafts");
    this.amount = Currencies.scaled(input.amount(), currency);
    settle(Boolean.TRUE.equals(input.isClosed()), Boolean.TRUE.equals(input.isWon()), wonSaid);
    this.isActive = input.isActive() == null || input.isActive();
    this.closeDate = Objects.requireNonNull(input.closeDate());
    this.originatingLeadId = input.originatingLeadID();
    this.primaryLeadId = input.primaryLeadID();
  }

  /**
   * Puts the opportunity in a stage. A probability that follows the stage takes the stage's
   * default; one set explicitly stays.
   */
  void moveTo(StageRef stage) {
    this.dealStageId = stage.id();
    if (!probabilityExplicit) {
      this.probability = stage.defaultProbability();
    }
  }

  /** Sets the probability explicitly, or (null) lets it follow the stage again. */
  void setProbability(@Nullable BigDecimal probability, StageRef stage) {
    this.probabilityExplicit = probability != null;
    this.probability = probability != null ? probability : stage.defaultProbability();
  }

  /**
   * The outcome a client asked for, where a won deal is always closed: isWon=true closes the deal
   * (when the client said isWon), and reopening a deal (isClosed=false) clears a won it did not
   * say.
   */
  void settle(boolean closed, boolean won, boolean wonSaid) {
    if (won && (closed || wonSaid)) {
      win();
    } else if (closed) {
      close();
    } else {
      reopen();
    }
  }

  /** Won, and so closed. */
  void win() {
    this.isWon = true;
    this.isClosed = true;
  }

  /** Closed without being won: lost. */
  void close() {
    this.isClosed = true;
    this.isWon = false;
  }

  /** Open again: neither closed nor won. */
  void reopen() {
    this.isClosed = false;
    this.isWon = false;
  }

  /** The writable state, for change detection (numbers compared by value, not scale). */
  private Snapshot snapshot() {
    return new Snapshot(
        ownerId,
        dealStageId,
        accountId,
        campaignId,
        opportunityName,
        probability == null ? null : probability.stripTrailingZeros(),
        probabilityExplicit,
        amount == null ? null : amount.stripTrailingZeros(),
        currency,
        isClosed,
        isWon,
        isActive,
        closeDate,
        originatingLeadId,
        primaryLeadId);
  }

  private record Snapshot(
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
      @Nullable Long primaryLeadId) {}

  /** Takes the id this new opportunity's row is inserted under by {@link OpportunityInserts}. */
  void insertedAs(long id) {
    identify(id);
  }

  long ownerId() {
    return ownerId;
  }

  /** When it last changed: a write compares it with what it read to know whether it changed. */
  Instant lastChanged() {
    return updateTimestamp();
  }

  String customFields() {
    return customFields;
  }

  long dealStageId() {
    return dealStageId;
  }

  @Nullable Long primaryLeadId() {
    return primaryLeadId;
  }

  /** The probability in effect: set explicitly, or the stage's default (for unit tests). */
  @Nullable BigDecimal probability() {
    return probability;
  }

  /**
   * The writable properties as a client would send them back: the probability only when it was set
   * explicitly, so that a merge patch leaves a stage-derived probability free to follow the stage.
   */
  OpportunityInput input() {
    return new OpportunityInput(
        ownerId,
        dealStageId,
        accountId,
        campaignId,
        opportunityName,
        probabilityExplicit ? probability : null,
        amount,
        isClosed,
        isWon,
        isActive,
        closeDate,
        originatingLeadId,
        primaryLeadId,
        currency);
  }
}
