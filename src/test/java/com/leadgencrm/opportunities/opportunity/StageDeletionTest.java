package com.leadgencrm.opportunities.opportunity;

import static com.leadgencrm.opportunities.opportunity.Opportunities.create;
import static com.leadgencrm.opportunities.opportunity.Opportunities.minimal;
import static com.leadgencrm.opportunities.opportunity.Opportunities.uniqueOwner;
import static com.leadgencrm.opportunities.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Api.Reply;
import com.leadgencrm.opportunities.support.HeldLocks;
import com.leadgencrm.opportunities.support.IntegrationTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class StageDeletionTest {

  @Autowired Api api;

  long stage(int defaultProbability) {
    return api.post(
            "/dealStages",
            json(
                Map.of(
                    "dealStageName",
                    "Stage " + UUID.randomUUID(),
                    "defaultProbability",
                    defaultProbability)))
        .id();
  }

  /** An opportunity in the stage, following its probability. */
  long opportunityIn(long stage) {
    var opportunity = minimal(uniqueOwner());
    opportunity.put("dealStageID", stage);
    return create(api, opportunity);
  }

  @Test
  void stageInUseIsConflictWithTheCount() {
    long stage = stage(15);
    for (int i = 0; i < 3; i++) {
      opportunityIn(stage);
    }
    Reply reply = api.delete("/dealStages/" + stage);
    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.json().path("opportunityCount").asLong()).isEqualTo(3);
    assertThat(reply.json().path("detail").asString()).contains("3 opportunities");
    assertThat(api.get("/dealStages/" + stage).status()).isEqualTo(200);
  }

  @Test
  void opportunitiesEnteringAStageBeingDeletedAreCountedOrMovedNotAFailure() throws Exception {
    long stage = stage(15);
    long target = stage(45);
    long entering = create(api, minimal(uniqueOwner()));
    // another client's transaction moves an opportunity into the stage and has not committed: the
    // deletion waits for it, then counts it (it read none, then failed on the foreign key: a 500)
    String enter =
        "update crm.opportunity set deal_stage_id = " + stage + " where id = " + entering;
    try (HeldLocks moving = HeldLocks.take(enter)) {
      Reply refused = moving.commitOnceWaitedFor(() -> api.delete("/dealStages/" + stage));
      assertThat(refused.status()).as(refused.body()).isEqualTo(409);
      assertThat(refused.json().path("opportunityCount").asLong()).isEqualTo(1);
    }
    // with moveTo, the one that entered meanwhile moves along
    long next = create(api, minimal(uniqueOwner()));
    try (HeldLocks moving =
        HeldLocks.take(
            "update crm.opportunity set deal_stage_id = " + stage + " where id = " + next)) {
      Reply moved =
          moving.commitOnceWaitedFor(
              () -> api.delete("/dealStages/" + stage + "?moveTo=" + target));
      assertThat(moved.status()).isEqualTo(204);
    }
    assertThat(api.get("/opportunities/" + entering).json().path("dealStageID").asLong())
        .isEqualTo(target);
    assertThat(api.get("/opportunities/" + next).json().path("dealStageID").asLong())
        .isEqualTo(target);
  }

  @Test
  void crossedDeletionsWaitForOneAnotherInsteadOfDeadlocking() throws Exception {
    // A moving its opportunities to B while B moves its own to A: each locked its own stage, then
    // waited for the other's (a deadlock PostgreSQL broke by failing one: a 503 "retry")
    long a = stage(15);
    long b = stage(45);
    long held = opportunityIn(a);
    long other = opportunityIn(b);
    CompletableFuture<Reply> aToB;
    CompletableFuture<Reply> bToA;
    // another client holds A's opportunity, so that A's deletion stops in the middle
    try (HeldLocks opportunity =
        HeldLocks.take("select id from crm.opportunity where id = " + held + " for update")) {
      aToB = CompletableFuture.supplyAsync(() -> api.delete("/dealStages/" + a + "?moveTo=" + b));
      await().atMost(Duration.ofSeconds(10)).until(() -> opportunity.waiting() == 1);
      bToA = CompletableFuture.supplyAsync(() -> api.delete("/dealStages/" + b + "?moveTo=" + a));
      await().atMost(Duration.ofSeconds(10)).until(() -> opportunity.waiting() == 2);
      opportunity.commit();
    }
    Reply first = aToB.get(10, TimeUnit.SECONDS);
    Reply second = bToA.get(10, TimeUnit.SECONDS);
    assertThat(first.status()).as(first.body()).isEqualTo(204);
    // the second found the stage it moves to gone
    assertThat(second.status()).as(second.body()).isEqualTo(400);
    assertThat(second.errorFields()).containsExactly("moveTo");
    assertThat(api.get("/opportunities/" + held).json().path("dealStageID").asLong()).isEqualTo(b);
    assertThat(api.get("/opportunities/" + other).json().path("dealStageID").asLong()).isEqualTo(b);
    assertThat(api.get("/dealStages/" + b).status()).isEqualTo(200);
  }

  @Test
  void moveToMovesOpportunitiesThenDeletes() {
    long from = stage(15);
    long to = stage(45);
    long following = opportunityIn(from);
    var explicit = minimal(uniqueOwner());
    explicit.put("dealStageID", from);
    explicit.put("probability", 5);
    long fixed = create(api, explicit);
    String etag = api.get("/opportunities/" + following).header("ETag");

    assertThat(api.delete("/dealStages/" + from + "?moveTo=" + to).status()).isEqualTo(204);

    assertThat(api.get("/dealStages/" + from).status()).isEqualTo(404);
    var moved = api.get("/opportunities/" + following);
    assertThat(moved.json().path("dealStageID").asLong()).isEqualTo(to);
    assertThat(moved.json().path("probability").asInt()).isEqualTo(45);
    assertThat(moved.header("ETag")).isNotEqualTo(etag);
    assertThat(api.get("/opportunities/" + fixed).json().path("probability").asInt()).isEqualTo(5);
  }

  @Test
  void moveToMustNameAnotherExistingStage() {
    long stage = stage(10);
    assertThat(api.delete("/dealStages/" + stage + "?moveTo=" + stage).errorFields())
        .containsExactly("moveTo");
    assertThat(api.delete("/dealStages/" + stage + "?moveTo=987654321").errorFields())
        .containsExactly("moveTo");
    assertThat(api.delete("/dealStages/" + stage + "?moveTo=abc").errorFields())
        .containsExactly("moveTo");
    assertThat(api.get("/dealStages/" + stage).status()).isEqualTo(200);
  }
}
