package com.leadgencrm.opportunities.dealstage;

import static com.leadgencrm.opportunities.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Api.Reply;
import com.leadgencrm.opportunities.support.HeldLocks;
import com.leadgencrm.opportunities.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Pipelines, and the stages and opportunities in them (SPEC §2). */
@IntegrationTest
class PipelineApiTest {

  @Autowired Api api;

  long pipeline(String name) {
    Reply reply = api.post("/pipelines", json(Map.of("name", name)));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.id();
  }

  long stage(long pipeline, String name) {
    Reply reply =
        api.post("/dealStages", json(Map.of("dealStageName", name, "pipelineID", pipeline)));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.id();
  }

  @Test
  void aNewDatabaseHasOneDefaultPipelineHoldingTheDefaultStages() {
    JsonNode sales = api.get("/pipelines/1").json();
    assertThat(sales.path("name").asString()).isEqualTo("Sales");
    assertThat(sales.path("isDefault").asBoolean()).isTrue();
    assertThat(api.get("/dealStages/1").json().path("pipelineID").asLong()).isEqualTo(1);
    assertThat(api.get("/pipelines?isDefault=true").json().path("items").size()).isEqualTo(1);
  }

  @Test
  void pipelinesAreCreatedReadReplacedPatchedAndDeleted() {
    String name = "Renewals " + UUID.randomUUID();
    Reply created = api.post("/pipelines", json(Map.of("name", name)));
    assertThat(created.status()).isEqualTo(201);
    long id = created.id();
    assertThat(created.header("Location")).endsWith("/pipelines/" + id);
    assertThat(created.header("ETag")).isNotNull();
    assertThat(created.json().path("isDefault").asBoolean()).isFalse();
    assertThat(created.json().path("weight").asLong()).isPositive();

    Reply read = api.get("/pipelines/" + id);
    assertThat(read.json().path("name").asString()).isEqualTo(name);
    assertThat(ids("/pipelines?id=1," + id)).containsExactly(1L, id);

    Reply replaced =
        api.request("PUT", "/pipelines/" + id)
            .header("If-Match", read.header("ETag"))
            .json(json(Map.of("name", name + " (new)", "weight", 77)))
            .send();
    assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
    assertThat(replaced.json().path("weight").asLong()).isEqualTo(77);
    Reply stale =
        api.request("PATCH", "/pipelines/" + id)
            .header("If-Match", read.header("ETag"))
            .json("{\"weight\": 5}")
            .send();
    assertThat(stale.status()).isEqualTo(412);
    Reply patched = api.patch("/pipelines/" + id, "{\"weight\": 78}");
    assertThat(patched.json().path("name").asString()).isEqualTo(name + " (new)");
    assertThat(patched.json().path("weight").asLong()).isEqualTo(78);

    assertThat(api.post("/pipelines", "{\"name\": \" \", \"color\": 1}").errorFields())
        .containsExactlyInAnyOrder("name", "color");
    assertThat(api.delete("/pipelines/" + id).status()).isEqualTo(204);
    assertThat(api.get("/pipelines/" + id).status()).isEqualTo(404);
  }

  @Test
  void namesAreUniqueWhateverTheirCase() {
    String name = "Partners " + UUID.randomUUID();
    long id = pipeline(name);
    Reply taken = api.post("/pipelines", json(Map.of("name", name.toUpperCase())));
    assertThat(taken.status()).isEqualTo(409);
    long other = pipeline(name + " 2");
    assertThat(api.patch("/pipelines/" + other, json(Map.of("name", name))).status())
        .isEqualTo(409);
    assertThat(api.get("/pipelines/" + id).status()).isEqualTo(200);
  }

  @Test
  void thePipelineWithStagesAndTheDefaultCannotBeDeleted() {
    long id = pipeline("Busy " + UUID.randomUUID());
    long stage = stage(id, "Only stage");
    Reply busy = api.delete("/pipelines/" + id);
    assertThat(busy.status()).isEqualTo(409);
    assertThat(busy.json().path("detail").asString()).contains("1 deal stages");

    Reply theDefault = api.delete("/pipelines/1");
    assertThat(theDefault.status()).isEqualTo(409);
    assertThat(theDefault.json().path("detail").asString()).contains("default");
    Reply giveUp = api.patch("/pipelines/1", "{\"isDefault\": false}");
    assertThat(giveUp.status()).isEqualTo(409);

    assertThat(api.delete("/dealStages/" + stage).status()).isEqualTo(204);
    assertThat(api.delete("/pipelines/" + id).status()).isEqualTo(204);
  }

  @Test
  void aStageMovingIntoAPipelineBeingDeletedIsCountedNotAFailure() throws Exception {
    long id = pipeline("Emptied " + UUID.randomUUID());
    long elsewhere = pipeline("Elsewhere " + UUID.randomUUID());
    long stage = stage(elsewhere, "Moving in");
    // another client's transaction moves a stage into the pipeline and has not committed: the
    // deletion waits for it and counts its stage (it read no stage, then failed on the foreign key)
    try (HeldLocks moving =
        HeldLocks.take("update crm.deal_stage set pipeline_id = " + id + " where id = " + stage)) {
      Reply refused = moving.commitOnceWaitedFor(() -> api.delete("/pipelines/" + id));
      assertThat(refused.status()).as(refused.body()).isEqualTo(409);
      assertThat(refused.json().path("detail").asString()).contains("has 1 deal stages");
    }
    assertThat(api.get("/pipelines/" + id).status()).isEqualTo(200);
  }

  @Test
  void anotherPipelineCanBecomeTheDefault() {
    long id = pipeline("Next default " + UUID.randomUUID());
    try {
      Reply made = api.patch("/pipelines/" + id, "{\"isDefault\": true}");
      assertThat(made.json().path("isDefault").asBoolean()).isTrue();
      assertThat(api.get("/pipelines/1").json().path("isDefault").asBoolean()).isFalse();
      Reply stage = api.post("/dealStages", json(Map.of("dealStageName", "In the new default")));
      assertThat(stage.json().path("pipelineID").asLong()).isEqualTo(id);
      api.delete("/dealStages/" + stage.id());
    } finally {
      assertThat(api.patch("/pipelines/1", "{\"isDefault\": true}").status()).isEqualTo(200);
    }
    assertThat(api.get("/pipelines/" + id).json().path("isDefault").asBoolean()).isFalse();
  }

  @Test
  void stageNamesAreUniqueWithinAPipeline() {
    long renewals = pipeline("Renewals " + UUID.randomUUID());
    long other = pipeline("Upsell " + UUID.randomUUID());
    stage(renewals, "Proposal");
    // the default pipeline has a Proposal too
    long inOther = stage(other, "proposal");
    Reply taken =
        api.post("/dealStages", json(Map.of("dealStageName", "PROPOSAL", "pipelineID", renewals)));
    assertThat(taken.status()).isEqualTo(409);
    assertThat(api.patch("/dealStages/" + inOther, json(Map.of("pipelineID", renewals))).status())
        .isEqualTo(409);
    Reply unknown =
        api.post("/dealStages", json(Map.of("dealStageName", "X", "pipelineID", 987654321)));
    assertThat(unknown.errorFields()).containsExactly("pipelineID");

    assertThat(ids("/dealStages?pipelineID=" + renewals + "," + other)).hasSize(2);
    assertThat(ids("/dealStages?pipelineID=1")).contains(1L, 7L);
  }

  /**
   * Opportunities and stages changed by hand (a bulk load, a repair from psql, in a session whose
   * search path does not hold the service's schema) keep their pipelines as the service's writes
   * do.
   */
  @Test
  void opportunitiesWrittenByHandAreInThePipelineOfTheirStageToo() throws Exception {
    long renewals = pipeline("Renewals " + UUID.randomUUID());
    long stage = stage(renewals, "Renewal due");
    long owner = 1_000_000_000L + (System.nanoTime() % 1_000_000_000L);
    try (HeldLocks byHand =
        HeldLocks.take(
            "insert into crm.opportunity (id, owner_id, deal_stage_id, opportunity_name,"
                + " probability, probability_explicit, is_closed, is_won, is_active, close_date,"
                + " custom_fields, version, create_timestamp, update_timestamp)"
                + " values (nextval('crm.opportunity_id_seq'), "
                + owner
                + ", "
                + stage
                + ", 'Loaded', 10, false, false, false, true, now(), '{}', 0, now(), now())")) {
      byHand.commit();
    }
    String mine = "/opportunities?ownerID=" + owner + "&pipelineID=";
    assertThat(ids(mine + renewals)).hasSize(1);

    long expansion = pipeline("Expansion " + UUID.randomUUID());
    try (HeldLocks byHand =
        HeldLocks.take(
            "update crm.deal_stage set pipeline_id = " + expansion + " where id = " + stage)) {
      byHand.commit();
    }
    assertThat(ids(mine + renewals)).isEmpty();
    assertThat(ids(mine + expansion)).hasSize(1);
  }

  @Test
  void opportunitiesAreInThePipelineOfTheirStage() {
    long renewals = pipeline("Renewals " + UUID.randomUUID());
    long stage = stage(renewals, "Renewal due");
    long owner = 1_000_000_000L + (System.nanoTime() % 1_000_000_000L);
    Reply there =
        api.post(
            "/opportunities",
            json(
                Map.of(
                    "ownerID",
                    owner,
                    "dealStageID",
                    stage,
                    "opportunityName",
                    "Renewal",
                    "closeDate",
                    "2026-12-31")));
    assertThat(there.json().path("pipelineID").asLong()).isEqualTo(renewals);
    Reply here =
        api.post(
            "/opportunities",
            json(
                Map.of(
                    "ownerID",
                    owner,
                    "dealStageID",
                    2,
                    "opportunityName",
                    "New",
                    "closeDate",
                    "2026-12-31")));
    assertThat(here.json().path("pipelineID").asLong()).isEqualTo(1);
    assertThat(ids("/opportunities?ownerID=" + owner + "&pipelineID=" + renewals))
        .containsExactly(there.id());
    assertThat(ids("/opportunities?ownerID=" + owner + "&pipelineID=1," + renewals))
        .containsExactly(there.id(), here.id());
    Reply readOnly = api.patch("/opportunities/" + here.id(), "{\"pipelineID\": " + renewals + "}");
    assertThat(readOnly.errorFields()).containsExactly("pipelineID");
    Reply moved = api.patch("/opportunities/" + here.id(), "{\"dealStageID\": " + stage + "}");
    assertThat(moved.json().path("pipelineID").asLong()).isEqualTo(renewals);

    // a stage that moves to another pipeline takes its opportunities along
    long expansion = pipeline("Expansion " + UUID.randomUUID());
    Reply stageMoved = api.patch("/dealStages/" + stage, "{\"pipelineID\": " + expansion + "}");
    assertThat(stageMoved.status()).as(stageMoved.body()).isEqualTo(200);
    assertThat(api.get("/opportunities/" + there.id()).json().path("pipelineID").asLong())
        .isEqualTo(expansion);
    assertThat(ids("/opportunities?ownerID=" + owner + "&pipelineID=" + expansion))
        .containsExactly(there.id(), here.id());
  }

  private List<Long> ids(String path) {
    Reply reply = api.get(path);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    List<Long> ids = new ArrayList<>();
    reply.json().path("items").forEach(item -> ids.add(item.path("id").asLong()));
    return ids;
  }
}
