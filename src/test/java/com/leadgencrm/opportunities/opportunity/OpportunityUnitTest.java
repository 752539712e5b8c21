package com.leadgencrm.opportunities.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.dealstage.StageRef;
import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The rules of one opportunity: the probability follows the stage unless set explicitly, and a won
 * deal is always closed.
 */
class OpportunityUnitTest {

  static final StageRef QUALIFICATION = new StageRef(2, new BigDecimal("20"));
  static final StageRef PROPOSAL = new StageRef(4, new BigDecimal("60"));
  static final StageRef NO_DEFAULT = new StageRef(9, null);

  static OpportunityInput input(
      @Nullable BigDecimal probability, @Nullable Boolean isClosed, @Nullable Boolean isWon) {
    return new OpportunityInput(
        7L,
        2L,
        null,
        null,
        "Acme",
        probability,
        new BigDecimal("1500.5"),
        isClosed,
        isWon,
        null,
        Instant.parse("2026-12-31T00:00:00Z"),
        null,
        null,
        "USD");
  }

  static Opportunity opportunity(
      @Nullable BigDecimal probability, @Nullable Boolean isClosed, @Nullable Boolean isWon) {
    return new Opportunity(input(probability, isClosed, isWon), isWon != null, QUALIFICATION, "{}");
  }

  // ---- probability

  @Test
  void withoutAProbabilityAnOpportunityTakesItsStagesDefault() {
    Opportunity opportunity = opportunity(null, null, null);
    assertThat(opportunity.probability()).isEqualTo(new BigDecimal("20"));
    // and a client reading it back to send it again does not pin it
    assertThat(opportunity.input().probability()).isNull();
  }

  @Test
  void aProbabilityThatFollowsTheStageMovesWithIt() {
    Opportunity opportunity = opportunity(null, null, null);
    opportunity.moveTo(PROPOSAL);
    assertThat(opportunity.probability()).isEqualTo(new BigDecimal("60"));
    assertThat(opportunity.dealStageId()).isEqualTo(4);
    opportunity.moveTo(NO_DEFAULT);
    assertThat(opportunity.probability()).isNull();
  }

  @Test
  void anExplicitProbabilityStaysWhateverTheStage() {
    Opportunity opportunity = opportunity(new BigDecimal("35"), null, null);
    opportunity.moveTo(PROPOSAL);
    assertThat(opportunity.probability()).isEqualTo(new BigDecimal("35"));
    assertThat(opportunity.input().probability()).isEqualTo(new BigDecimal("35"));
  }

  @Test
  void clearingTheProbabilityLetsItFollowTheStageAgain() {
    Opportunity opportunity = opportunity(new BigDecimal("35"), null, null);
    opportunity.setProbability(null, PROPOSAL);
    assertThat(opportunity.probability()).isEqualTo(new BigDecimal("60"));
    opportunity.moveTo(QUALIFICATION);
    assertThat(opportunity.probability()).isEqualTo(new BigDecimal("20"));
  }

  @Test
  void replacingWithoutAProbabilityTakesTheNewStagesDefault() {
    Opportunity opportunity = opportunity(new BigDecimal("35"), null, null);
    opportunity.replace(input(null, null, null), false, PROPOSAL, null);
    assertThat(opportunity.probability()).isEqualTo(new BigDecimal("60"));
    assertThat(opportunity.dealStageId()).isEqualTo(4);
  }

  // ---- won and closed

  @Test
  void aNewOpportunityIsOpen() {
    OpportunityInput read = opportunity(null, null, null).input();
    assertThat(read.isClosed()).isFalse();
    assertThat(read.isWon()).isFalse();
    assertThat(read.isActive()).isTrue();
  }

  @Test
  void wonIsClosed() {
    Opportunity opportunity = opportunity(null, null, null);
    opportunity.win();
    assertThat(opportunity.input().isClosed()).isTrue();
    assertThat(opportunity.input().isWon()).isTrue();
  }

  @Test
  void closedWithoutBeingWonIsLost() {
    Opportunity opportunity = opportunity(null, null, true);
    opportunity.close();
    assertThat(opportunity.input().isClosed()).isTrue();
    assertThat(opportunity.input().isWon()).isFalse();
  }

  @Test
  void reopenedIsNeitherClosedNorWon() {
    Opportunity opportunity = opportunity(null, true, true);
    opportunity.reopen();
    assertThat(opportunity.input().isClosed()).isFalse();
    assertThat(opportunity.input().isWon()).isFalse();
  }

  @Test
  void sayingIsWonClosesTheDeal() {
    OpportunityInput read = opportunity(null, null, true).input();
    assertThat(read.isClosed()).isTrue();
    assertThat(read.isWon()).isTrue();
  }

  @Test
  void settleFollowsWhatTheClientSaid() {
    Opportunity opportunity = opportunity(null, null, null);
    // isWon=true said by the client: won, and so closed
    opportunity.settle(false, true, true);
    assertThat(opportunity.input().isClosed()).isTrue();
    assertThat(opportunity.input().isWon()).isTrue();
    // isClosed=false with a won the client did not say (a merge patch kept it): reopened
    opportunity.settle(false, true, false);
    assertThat(opportunity.input().isClosed()).isFalse();
    assertThat(opportunity.input().isWon()).isFalse();
    // closed and won, the won kept from before
    opportunity.settle(true, true, false);
    assertThat(opportunity.input().isWon()).isTrue();
    // closed only: lost
    opportunity.settle(true, false, false);
    assertThat(opportunity.input().isClosed()).isTrue();
    assertThat(opportunity.input().isWon()).isFalse();
  }

  // ---- what is stored

  @Test
  void theAmountIsStoredWithTwoFractionDigits() {
    assertThat(opportunity(null, null, null).input().amount()).isEqualTo(new BigDecimal("1500.50"));
  }

  @Test
  void inputIsWhatAClientWouldSendBack() {
    assertThat(opportunity(new BigDecimal("35"), true, false).input())
        .isEqualTo(
            new OpportunityInput(
                7L,
                2L,
                null,
                null,
                "Acme",
                new BigDecimal("35"),
                new BigDecimal("1500.50"),
                true,
                false,
                true,
                Instant.parse("2026-12-31T00:00:00Z"),
                null,
                null,
                "USD"));
  }
}
