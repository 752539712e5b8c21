package com.leadgencrm.opportunities.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who a request acts for, and that nothing acts for nobody. */
class CallerUnitTest {

  @AfterEach
  void noCallerLeftBehind() {
    SecurityContextHolder.clearContext();
  }

  @Test
  void outsideARequestThereIsNoCallerAndNoAmbientAuthority() {
    assertThat(Caller.currentOrNull()).isNull();
    assertThatThrownBy(Caller::current)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("No caller: work outside a request runs through runAsSystem");
  }

  @Test
  void systemWorkActsAsTheSystemAdministratorAndOnlyWhileItRuns() {
    Caller during = Caller.runAsSystem(Caller::current);
    assertThat(during).isEqualTo(new Caller("system", 0, Role.ADMINISTRATOR));
    assertThat(during.ownerScope()).isNull();
    assertThat(Caller.currentOrNull()).isNull();
  }

  @Test
  void aSalespersonSeesOnlyTheirOwnOpportunities() {
    Caller salesperson = new Caller("k1", 7, Role.SALESPERSON);
    assertThat(salesperson.ownerScope()).isEqualTo(7L);
    assertThat(salesperson.sees(7)).isTrue();
    assertThat(salesperson.sees(8)).isFalse();
  }

  @Test
  void aSalesManagerSeesEveryOwnersOpportunities() {
    Caller manager = new Caller("k2", 7, Role.SALES_MANAGER);
    assertThat(manager.ownerScope()).isNull();
    assertThat(manager.sees(8)).isTrue();
  }

  @Test
  void mayAsksTheRolesTable() {
    Caller marketing = new Caller("k3", 1, Role.MARKETING_MANAGER);
    assertThat(marketing.may(Permission.WRITE_FIELDS)).isTrue();
    assertThat(marketing.may(Permission.WRITE_OPPORTUNITIES)).isFalse();
  }
}
