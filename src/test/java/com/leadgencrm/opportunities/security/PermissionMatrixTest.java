package com.leadgencrm.opportunities.security;

import static com.leadgencrm.opportunities.core.Role.ADMINISTRATOR;
import static com.leadgencrm.opportunities.core.Role.COMPANY_MANAGER;
import static com.leadgencrm.opportunities.core.Role.JR_SALESPERSON;
import static com.leadgencrm.opportunities.core.Role.MARKETING_MANAGER;
import static com.leadgencrm.opportunities.core.Role.SALESPERSON;
import static com.leadgencrm.opportunities.core.Role.SALES_MANAGER;
import static com.leadgencrm.opportunities.opportunity.Opportunities.minimal;
import static com.leadgencrm.opportunities.opportunity.Opportunities.uniqueOwner;
import static com.leadgencrm.opportunities.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.core.Role;
import com.leadgencrm.opportunities.opportunity.Opportunities;
import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Api.Reply;
import com.leadgencrm.opportunities.support.IntegrationTest;
import com.leadgencrm.opportunities.support.WireClient;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.assertj.core.api.SoftAssertions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Every operation with each role, over REST and the wire protocol alike, against the one permission
 * table; with no key and with a revoked key: all of it over HTTP.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PermissionMatrixTest {

  @Autowired Api admin;

  /** Per role: its client, its user, and fixtures it owns or does not own. */
  final Map<Role, Api> clients = new EnumMap<>(Role.class);

  final Map<Role, Long> users = new EnumMap<>(Role.class);
  final Map<Role, String> tokens = new EnumMap<>(Role.class);
  long otherOwner;
  Api revoked;

  @BeforeAll
  void keys() {
    for (Role role : Role.values()) {
      long user = uniqueOwner();
      users.put(role, user);
      String token = Keys.create(admin, role, user, null).json().path("token").asString();
      tokens.put(role, token);
      clients.put(role, admin.as(token));
    }
    otherOwner = uniqueOwner();
    Reply revokedKey = Keys.create(admin, SALES_MANAGER, uniqueOwner(), null);
    assertThat(admin.delete("/apiKeys/" + revokedKey.json().path("id").asString()).status())
        .isEqualTo(204);
    revoked = admin.as(revokedKey.json().path("token").asString());
  }

  /** A fresh opportunity owned by the user, created by the Administrator. */
  long opportunityOf(long owner) {
    return Opportunities.create(admin, minimal(owner));
  }

  long associationOf(long opportunity) {
    return admin
        .put("/opportunities/" + opportunity + "/leads/" + (1000 + (opportunity % 1000)), "")
        .id();
  }

  /** What a role gets from an operation, whichever protocol carries it. */
  enum Outcome {
    /** Done (or read, with the row). */
    OK,
    /** The role may not: 403 over REST, code 105 on the wire protocol. */
    DENIED,
    /** Outside the caller's scope, as if it did not exist: 404, code 302 (or no row for a read). */
    HIDDEN,
    /** Refused as input (another owner, an opportunity out of scope): 400 or 403, code 205. */
    INVALID
  }

  static final Outcome OK = Outcome.OK;
  static final Outcome DENIED = Outcome.DENIED;
  static final Outcome HIDDEN = Outcome.HIDDEN;
  static final Outcome INVALID = Outcome.INVALID;

  /**
   * One operation: its REST request and its wire-protocol call, where the protocol has one, given
   * the acting role (fixtures are created fresh for each call), and the one expected outcome per
   * role for both.
   *
   * @param restOk the status of a REST request that is done
   * @param restInvalid the status of a REST request refused as input
   */
  record Operation(
      String name,
      @Nullable Function<Role, Reply> rest,
      int restOk,
      int restInvalid,
      @Nullable Function<Role, JsonNode> wire,
      Map<Role, Outcome> expected) {}

  static Map<Role, Outcome> expect(
      Outcome admin,
      Outcome companyManager,
      Outcome salesManager,
      Outcome marketingManager,
      Outcome salesperson,
      Outcome jrSalesperson) {
    Map<Role, Outcome> expected = new EnumMap<>(Role.class);
    expected.put(ADMINISTRATOR, admin);
    expected.put(COMPANY_MANAGER, companyManager);
    expected.put(SALES_MANAGER, salesManager);
    expected.put(MARKETING_MANAGER, marketingManager);
    expected.put(SALESPERSON, salesperson);
    expected.put(JR_SALESPERSON, jrSalesperson);
    return expected;
  }

  static Map<Role, Outcome> all(Outcome outcome) {
    return expect(outcome, outcome, outcome, outcome, outcome, outcome);
  }

  /** Writes of opportunities: all but the marketing manager. */
  static final Map<Role, Outcome> WRITES_OPPORTUNITIES = expect(OK, OK, OK, DENIED, OK, OK);

  /** Deletes of opportunities and their associations: not the junior salesperson either. */
  static final Map<Role, Outcome> DELETES_OPPORTUNITIES = expect(OK, OK, OK, DENIED, OK, DENIED);

  static final Map<Role, Outcome> WRITES_DEAL_STAGES =
      expect(OK, OK, DENIED, DENIED, DENIED, DENIED);
  static final Map<Role, Outcome> WRITES_FIELDS = expect(OK, OK, DENIED, OK, DENIED, DENIED);

  Api as(Role role) {
    return clients.get(role);
  }

  WireClient wire(Role role) {
    return WireClient.of(admin, tokens.get(role));
  }

  /** A wire-protocol call: {@code method} with {@code params}. */
  JsonNode call(Role role, String method, Object params) {
    return wire(role).call(json(Map.of("method", method, "params", params, "id", 1)));
  }

  static Map<String, Object> objects(Object... objects) {
    return Map.of("objects", List.of(objects));
  }

  static Map<String, Object> where(String property, Object value) {
    return Map.of("where", Map.of(property, value));
  }

  static final Map<String, Object> EVER =
      Map.of("startDate", "2000-01-01 00:00:00", "endDate", "2999-12-31 23:59:59");

  String stageBody() {
    return json(Map.of("dealStageName", "Matrix " + UUID.randomUUID()));
  }

  Map<String, Object> field() {
    return Map.of(
        "relationship",
        "lead",
        "label",
        "Matrix",
        "dataType",
        "text",
        "dataLength",
        10,
        "isRequired",
        false,
        "isCustom",
        true,
        "isActive",
        true,
        "isAvailableInContactManager",
        true,
        "isEditableInContactManager",
        true,
        "isAvailableInForms",
        true);
  }

  long stage() {
    return admin.post("/dealStages", stageBody()).id();
  }

  String pipelineBody() {
    return json(Map.of("name", "Matrix " + UUID.randomUUID()));
  }

  long pipeline() {
    return admin.post("/pipelines", pipelineBody()).id();
  }

  String externalKey;

  /** A unique custom opportunity field, made once: the key of the upserts. */
  String externalKey() {
    if (externalKey == null) {
      Map<String, Object> key = new java.util.HashMap<>(field());
      key.put("relationship", "opportunity");
      key.put("label", "Matrix key");
      key.put("dataLength", 40);
      key.put("isUnique", true);
      externalKey = admin.post("/fields", json(key)).json().path("systemName").asString();
    }
    return externalKey;
  }

  /** A PUT by external key of a new value, for an opportunity of the owner. */
  Reply upsert(Role role, String value, long owner) {
    return as(role).put("/opportunities/by/" + externalKey() + "/" + value, json(minimal(owner)));
  }

  /** An opportunity of the owner, deleted into the recycle bin by the Administrator. */
  long deletedOf(long owner) {
    long id = opportunityOf(owner);
    assertThat(admin.delete("/opportunities/" + id).status()).isEqualTo(204);
    return id;
  }

  Reply leadField() {
    return admin.post("/fields", json(field()));
  }

  List<Operation> operations() {
    List<Operation> ops = new ArrayList<>();
    // opportunities: own
    ops.add(
        new Operation(
            "read own opportunity",
            r -> as(r).get("/opportunities/" + opportunityOf(users.get(r))),
            200,
            0,
            r -> call(r, "getOpportunity", Map.of("id", opportunityOf(users.get(r)))),
            all(OK)));
    ops.add(
        new Operation(
            "list own opportunities",
            r -> as(r).get("/opportunities?limit=1&id=" + opportunityOf(users.get(r))),
            200,
            0,
            r ->
                call(
                    r, "getOpportunities", where("id", Long.toString(opportunityOf(users.get(r))))),
            all(OK)));
    ops.add(
        new Operation(
            "opportunities of a date range",
            null,
            0,
            0,
            r -> {
              opportunityOf(users.get(r));
              return call(r, "getOpportunitiesDateRange", EVER);
            },
            all(OK)));
    ops.add(
        new Operation(
            "create own opportunity",
            r -> as(r).post("/opportunities", json(minimal(users.get(r)))),
            201,
            0,
            r -> call(r, "createOpportunities", objects(minimal(users.get(r)))),
            WRITES_OPPORTUNITIES));
    ops.add(
        new Operation(
            "replace own opportunity",
            r ->
                as(r)
                    .put(
                        "/opportunities/" + opportunityOf(users.get(r)),
                        json(minimal(users.get(r)))),
            200,
            0,
            null,
            WRITES_OPPORTUNITIES));
    ops.add(
        new Operation(
            "change own opportunity",
            r ->
                as(r)
                    .patch(
                        "/opportunities/" + opportunityOf(users.get(r)), json(Map.of("amount", 5))),
            200,
            0,
            r ->
                call(
                    r,
                    "updateOpportunities",
                    objects(Map.of("id", opportunityOf(users.get(r)), "amount", "5"))),
            WRITES_OPPORTUNITIES));
    ops.add(
        new Operation(
            "delete own opportunity",
            r -> as(r).delete("/opportunities/" + opportunityOf(users.get(r))),
            204,
            0,
            r -> call(r, "deleteOpportunities", objects(Map.of("id", opportunityOf(users.get(r))))),
            DELETES_OPPORTUNITIES));
    // opportunities: someone else's
    ops.add(
        new Operation(
            "read other's opportunity",
            r -> as(r).get("/opportunities/" + opportunityOf(otherOwner)),
            200,
            0,
            r -> call(r, "getOpportunity", Map.of("id", opportunityOf(otherOwner))),
            expect(OK, OK, OK, OK, HIDDEN, HIDDEN)));
    ops.add(
        new Operation(
            "create for another owner",
            r -> as(r).post("/opportunities", json(minimal(otherOwner))),
            201,
            403,
            r -> call(r, "createOpportunities", objects(minimal(otherOwner))),
            expect(OK, OK, OK, DENIED, INVALID, INVALID)));
    ops.add(
        new Operation(
            "replace other's opportunity",
            r ->
                as(r).put("/opportunities/" + opportunityOf(otherOwner), json(minimal(otherOwner))),
            200,
            0,
            null,
            expect(OK, OK, OK, DENIED, HIDDEN, HIDDEN)));
    ops.add(
        new Operation(
            "change other's opportunity",
            r ->
                as(r)
                    .patch(
                        "/opportunities/" + opportunityOf(otherOwner), json(Map.of("amount", 5))),
            200,
            0,
            r ->
                call(
                    r,
                    "updateOpportunities",
                    objects(Map.of("id", opportunityOf(otherOwner), "amount", "5"))),
            expect(OK, OK, OK, DENIED, HIDDEN, HIDDEN)));
    ops.add(
        new Operation(
            "hand own opportunity over",
            r ->
                as(r)
                    .patch(
                        "/opportunities/" + opportunityOf(users.get(r)),
                        json(Map.of("ownerID", otherOwner))),
            200,
            403,
            r ->
                call(
                    r,
                    "updateOpportunities",
                    objects(Map.of("id", opportunityOf(users.get(r)), "ownerID", otherOwner))),
            expect(OK, OK, OK, DENIED, INVALID, INVALID)));
    ops.add(
        new Operation(
            "replace own opportunity, handing it over",
            r ->
                as(r)
                    .put(
                        "/opportunities/" + opportunityOf(users.get(r)), json(minimal(otherOwner))),
            200,
            403,
            null,
            expect(OK, OK, OK, DENIED, INVALID, INVALID)));
    ops.add(
        new Operation(
            "delete other's opportunity",
            r -> as(r).delete("/opportunities/" + opportunityOf(otherOwner)),
            204,
            0,
            r -> call(r, "deleteOpportunities", objects(Map.of("id", opportunityOf(otherOwner)))),
            expect(OK, OK, OK, DENIED, HIDDEN, DENIED)));
    // associations
    ops.add(
        new Operation(
            "read own opportunity's leads",
            r -> {
              long opportunity = opportunityOf(users.get(r));
              associationOf(opportunity);
              return as(r).get("/opportunities/" + opportunity + "/leads");
            },
            200,
            0,
            r -> {
              long opportunity = opportunityOf(users.get(r));
              associationOf(opportunity);
              return call(r, "getOpportunityLeads", where("opportunityID", opportunity));
            },
            all(OK)));
    ops.add(
        new Operation(
            "read other's opportunity's leads",
            r -> as(r).get("/opportunities/" + opportunityOf(otherOwner) + "/leads"),
            200,
            0,
            r -> {
              long opportunity = opportunityOf(otherOwner);
              associationOf(opportunity);
              return call(r, "getOpportunityLeads", where("opportunityID", opportunity));
            },
            expect(OK, OK, OK, OK, HIDDEN, HIDDEN)));
    ops.add(
        new Operation(
            "associations of a date range",
            null,
            0,
            0,
            r -> {
              associationOf(opportunityOf(users.get(r)));
              return call(r, "getOpportunityLeadsDateRange", EVER);
            },
            all(OK)));
    ops.add(
        new Operation(
            "list own associations",
            r ->
                as(r)
                    .get(
                        "/opportunityLeads?limit=1&id="
                            + associationOf(opportunityOf(users.get(r)))),
            200,
            0,
            r ->
                call(
                    r,
                    "getOpportunityLeads",
                    where("id", associationOf(opportunityOf(users.get(r))))),
            all(OK)));
    ops.add(
        new Operation(
            "read other's association",
            r -> as(r).get("/opportunityLeads/" + associationOf(opportunityOf(otherOwner))),
            200,
            0,
            r ->
                call(
                    r,
                    "getOpportunityLead",
                    Map.of("id", associationOf(opportunityOf(otherOwner)))),
            expect(OK, OK, OK, OK, HIDDEN, HIDDEN)));
    ops.add(
        new Operation(
            "associate a lead with own opportunity",
            r ->
                as(r)
                    .post(
                        "/opportunityLeads",
                        json(Map.of("opportunityID", opportunityOf(users.get(r)), "leadID", 7))),
            201,
            0,
            r ->
                call(
                    r,
                    "createOpportunityLeads",
                    objects(Map.of("opportunityID", opportunityOf(users.get(r)), "leadID", 7))),
            WRITES_OPPORTUNITIES));
    ops.add(
        new Operation(
            "associate a lead with other's opportunity",
            r ->
                as(r)
                    .post(
                        "/opportunityLeads",
                        json(Map.of("opportunityID", opportunityOf(otherOwner), "leadID", 7))),
            201,
            400,
            r ->
                call(
                    r,
                    "createOpportunityLeads",
                    objects(Map.of("opportunityID", opportunityOf(otherOwner), "leadID", 7))),
            expect(OK, OK, OK, DENIED, INVALID, INVALID)));
    ops.add(
        new Operation(
            "delete own association",
            r -> as(r).delete("/opportunityLeads/" + associationOf(opportunityOf(users.get(r)))),
            204,
            0,
            r ->
                call(
                    r,
                    "deleteOpportunityLeads",
                    objects(Map.of("id", associationOf(opportunityOf(users.get(r)))))),
            DELETES_OPPORTUNITIES));
    ops.add(
        new Operation(
            "delete other's association",
            r -> as(r).delete("/opportunityLeads/" + associationOf(opportunityOf(otherOwner))),
            204,
            0,
            r ->
                call(
                    r,
                    "deleteOpportunityLeads",
                    objects(Map.of("id", associationOf(opportunityOf(otherOwner))))),
            expect(OK, OK, OK, DENIED, HIDDEN, DENIED)));
    ops.add(
        new Operation(
            // the REST API has no update of an association: it deletes and creates
            "move own association to another own opportunity",
            null,
            0,
            0,
            r ->
                call(
                    r,
                    "updateOpportunityLeads",
                    objects(
                        Map.of(
                            "id",
                            associationOf(opportunityOf(users.get(r))),
                            "opportunityID",
                            opportunityOf(users.get(r))))),
            DELETES_OPPORTUNITIES));
    ops.add(
        new Operation(
            "move other's association",
            null,
            0,
            0,
            r ->
                call(
                    r,
                    "updateOpportunityLeads",
                    objects(
                        Map.of(
                            "id",
                            associationOf(opportunityOf(otherOwner)),
                            "opportunityID",
                            opportunityOf(users.get(r))))),
            expect(OK, OK, OK, DENIED, HIDDEN, DENIED)));
    // deal stages
    ops.add(
        new Operation(
            "list deal stages",
            r -> as(r).get("/dealStages"),
            200,
            0,
            r -> call(r, "getDealStages", Map.of("where", Map.of())),
            all(OK)));
    ops.add(
        new Operation(
            "read deal stage",
            r -> as(r).get("/dealStages/1"),
            200,
            0,
            r -> call(r, "getDealStage", Map.of("id", 1)),
            all(OK)));
    ops.add(
        new Operation(
            "deal stages of a date range",
            null,
            0,
            0,
            r -> call(r, "getDealStagesDateRange", EVER),
            all(OK)));
    ops.add(
        new Operation(
            "create deal stage",
            r -> as(r).post("/dealStages", stageBody()),
            201,
            0,
            r ->
                call(
                    r,
                    "createDealStages",
                    objects(Map.of("dealStageName", "Matrix " + UUID.randomUUID()))),
            WRITES_DEAL_STAGES));
    ops.add(
        new Operation(
            "replace deal stage",
            r -> as(r).put("/dealStages/" + stage(), stageBody()),
            200,
            0,
            null,
            WRITES_DEAL_STAGES));
    ops.add(
        new Operation(
            "change deal stage",
            r -> as(r).patch("/dealStages/" + stage(), json(Map.of("weight", 99))),
            200,
            0,
            r -> call(r, "updateDealStages", objects(Map.of("id", stage(), "weight", "99"))),
            WRITES_DEAL_STAGES));
    ops.add(
        new Operation(
            "delete deal stage",
            r -> as(r).delete("/dealStages/" + stage()),
            204,
            0,
            r -> call(r, "deleteDealStages", objects(Map.of("id", stage()))),
            WRITES_DEAL_STAGES));
    // pipelines: roles as for deal stages; no wire protocol
    ops.add(new Operation("list pipelines", r -> as(r).get("/pipelines"), 200, 0, null, all(OK)));
    ops.add(new Operation("read pipeline", r -> as(r).get("/pipelines/1"), 200, 0, null, all(OK)));
    ops.add(
        new Operation(
            "create pipeline",
            r -> as(r).post("/pipelines", pipelineBody()),
            201,
            0,
            null,
            WRITES_DEAL_STAGES));
    ops.add(
        new Operation(
            "replace pipeline",
            r -> as(r).put("/pipelines/" + pipeline(), pipelineBody()),
            200,
            0,
            null,
            WRITES_DEAL_STAGES));
    ops.add(
        new Operation(
            "change pipeline",
            r -> as(r).patch("/pipelines/" + pipeline(), json(Map.of("weight", 99))),
            200,
            0,
            null,
            WRITES_DEAL_STAGES));
    ops.add(
        new Operation(
            "delete pipeline",
            r -> as(r).delete("/pipelines/" + pipeline()),
            204,
            0,
            null,
            WRITES_DEAL_STAGES));
    // upserts by external key: REST only
    ops.add(
        new Operation(
            "upsert own opportunity by key",
            r -> upsert(r, UUID.randomUUID().toString(), users.get(r)),
            201,
            0,
            null,
            WRITES_OPPORTUNITIES));
    ops.add(
        new Operation(
            "upsert other's opportunity by key",
            r -> {
              String value = UUID.randomUUID().toString();
              assertThat(upsert(ADMINISTRATOR, value, otherOwner).status()).isEqualTo(201);
              return upsert(r, value, otherOwner);
            },
            200,
            0,
            null,
            expect(OK, OK, OK, DENIED, HIDDEN, HIDDEN)));
    ops.add(
        new Operation(
            "batch upsert own opportunities by key",
            r -> {
              var item = new java.util.HashMap<String, Object>(minimal(users.get(r)));
              item.put(externalKey(), UUID.randomUUID().toString());
              return as(r)
                  .post(
                      "/opportunities/batch?upsertBy=" + externalKey(),
                      json(Map.of("items", java.util.List.of(item))));
            },
            200,
            0,
            null,
            WRITES_OPPORTUNITIES));
    // the recycle bin: REST only (wire deletes fill it, as "delete own opportunity" shows)
    ops.add(
        new Operation(
            "list deleted opportunities",
            r -> as(r).get("/opportunities/deleted?id=" + deletedOf(users.get(r))),
            200,
            0,
            null,
            all(OK)));
    ops.add(
        new Operation(
            "restore own opportunity",
            r -> as(r).post("/opportunities/" + deletedOf(users.get(r)) + "/restore", ""),
            200,
            0,
            null,
            DELETES_OPPORTUNITIES));
    ops.add(
        new Operation(
            "restore other's opportunity",
            r -> as(r).post("/opportunities/" + deletedOf(otherOwner) + "/restore", ""),
            200,
            0,
            null,
            expect(OK, OK, OK, DENIED, HIDDEN, DENIED)));
    ops.add(
        new Operation(
            "purge deleted opportunity",
            r -> as(r).delete("/opportunities/deleted/" + deletedOf(users.get(r))),
            204,
            0,
            null,
            expect(OK, DENIED, DENIED, DENIED, DENIED, DENIED)));
    // fields
    ops.add(
        new Operation(
            "list fields",
            r -> as(r).get("/fields"),
            200,
            0,
            r -> call(r, "getFields", Map.of("where", Map.of())),
            all(OK)));
    ops.add(
        new Operation(
            "read field",
            r -> as(r).get("/fields/1"),
            200,
            0,
            r -> call(r, "getField", Map.of("id", 1)),
            all(OK)));
    ops.add(
        new Operation(
            "fields of a date range",
            null,
            0,
            0,
            r -> call(r, "getFieldsDateRange", EVER),
            all(OK)));
    ops.add(
        new Operation(
            "create field",
            r -> as(r).post("/fields", json(field())),
            201,
            0,
            r ->
                call(
                    r,
                    "createFields",
                    objects(Map.of("relationship", "lead", "label", "Matrix", "dataType", "text"))),
            WRITES_FIELDS));
    ops.add(
        new Operation(
            "replace field",
            r -> as(r).put("/fields/" + leadField().id(), json(field())),
            200,
            0,
            null,
            WRITES_FIELDS));
    ops.add(
        new Operation(
            "change field",
            r -> as(r).patch("/fields/" + leadField().id(), json(Map.of("label", "M2"))),
            200,
            0,
            r -> call(r, "updateFields", objects(Map.of("id", leadField().id(), "label", "M2"))),
            WRITES_FIELDS));
    ops.add(
        new Operation(
            "delete field",
            r -> as(r).delete("/fields/" + leadField().id()),
            204,
            0,
            r ->
                call(
                    r,
                    "deleteFields",
                    objects(
                        Map.of("systemName", leadField().json().path("systemName").asString()))),
            WRITES_FIELDS));
    return ops;
  }

  /** Requests only the REST API has: its own statuses per role. */
  record RestCase(String name, Function<Role, Reply> call, Map<Role, Integer> expected) {}

  static Map<Role, Integer> statuses(
      int admin,
      int companyManager,
      int salesManager,
      int marketingManager,
      int salesperson,
      int jrSalesperson) {
    Map<Role, Integer> expected = new EnumMap<>(Role.class);
    expected.put(ADMINISTRATOR, admin);
    expected.put(COMPANY_MANAGER, companyManager);
    expected.put(SALES_MANAGER, salesManager);
    expected.put(MARKETING_MANAGER, marketingManager);
    expected.put(SALESPERSON, salesperson);
    expected.put(JR_SALESPERSON, jrSalesperson);
    return expected;
  }

  List<RestCase> restOnly() {
    List<RestCase> cases = new ArrayList<>();
    cases.add(
        new RestCase(
            "PUT lead of own opportunity",
            r -> as(r).put("/opportunities/" + opportunityOf(users.get(r)) + "/leads/5", ""),
            statuses(201, 201, 201, 403, 201, 201)));
    cases.add(
        new RestCase(
            "PUT lead of other's opportunity",
            r -> as(r).put("/opportunities/" + opportunityOf(otherOwner) + "/leads/5", ""),
            statuses(201, 201, 201, 403, 404, 404)));
    cases.add(
        new RestCase(
            "DELETE lead of own opportunity",
            r -> {
              long opportunity = opportunityOf(users.get(r));
              admin.put("/opportunities/" + opportunity + "/leads/6", "");
              return as(r).delete("/opportunities/" + opportunity + "/leads/6");
            },
            statuses(204, 204, 204, 403, 204, 403)));
    cases.add(
        new RestCase(
            "GET API keys", r -> as(r).get("/apiKeys"), statuses(200, 403, 403, 403, 403, 403)));
    cases.add(
        new RestCase(
            "POST API key",
            r -> as(r).post("/apiKeys", json(Map.of("userID", 5, "role", "SALESPERSON"))),
            statuses(201, 403, 403, 403, 403, 403)));
    cases.add(
        new RestCase(
            "DELETE API key",
            r ->
                as(r)
                    .delete(
                        "/apiKeys/"
                            + Keys.create(admin, SALESPERSON, 5, null)
                                .json()
                                .path("id")
                                .asString()),
            statuses(204, 403, 403, 403, 403, 403)));
    cases.add(
        new RestCase(
            "GET metrics",
            r -> as(r).get("/actuator/prometheus"),
            statuses(200, 403, 403, 403, 403, 403)));
    return cases;
  }

  static int restStatus(Operation op, Outcome outcome) {
    return switch (outcome) {
      case OK -> op.restOk();
      case DENIED -> 403;
      case HIDDEN -> 404;
      case INVALID -> op.restInvalid();
    };
  }

  /** What a wire-protocol answer says, as an outcome (or the answer, when it is none of them). */
  static String wireOutcome(JsonNode answer) {
    JsonNode error = answer.path("error");
    if (error.isObject()) {
      return error.path("code").asInt() == 105 ? "DENIED" : answer.toString();
    }
    if (error.isArray()) {
      int code = error.path(0).path("code").asInt();
      return code == 302 ? "HIDDEN" : code == 205 ? "INVALID" : answer.toString();
    }
    JsonNode result = answer.path("result");
    JsonNode rows = result.properties().iterator().next().getValue();
    boolean read =
        !List.of("creates", "updates", "deletes")
            .contains(result.propertyNames().iterator().next());
    return read && rows.isEmpty() ? "HIDDEN" : "OK";
  }

  @Test
  void everyRoleGetsWhatThePermissionTableSaysOverRestAndTheWireProtocolAlike() {
    SoftAssertions softly = new SoftAssertions();
    for (Operation op : operations()) {
      for (Role role : Role.values()) {
        Outcome expected = op.expected().get(role);
        if (op.rest() != null) {
          Reply reply = op.rest().apply(role);
          softly
              .assertThat(reply.status())
              .as("REST: " + op.name() + " as " + role + ": " + reply.body())
              .isEqualTo(restStatus(op, expected));
          if (reply.status() >= 400) {
            softly
                .assertThat(reply.header("Content-Type"))
                .as(op.name() + " as " + role)
                .startsWith("application/problem+json");
          }
        }
        if (op.wire() != null) {
          JsonNode answer = op.wire().apply(role);
          softly
              .assertThat(wireOutcome(answer))
              .as("wire protocol: " + op.name() + " as " + role + ": " + answer)
              .isEqualTo(expected.name());
        }
      }
    }
    for (RestCase c : restOnly()) {
      for (Role role : Role.values()) {
        Reply reply = c.call().apply(role);
        softly
            .assertThat(reply.status())
            .as("REST: " + c.name() + " as " + role + ": " + reply.body())
            .isEqualTo(c.expected().get(role));
      }
    }
    softly.assertAll();
  }

  @Test
  void withoutAKeyOnlyDocsAndHealthAnswer() {
    Api anonymous = admin.anonymous();
    for (String path :
        List.of(
            "/opportunities",
            "/opportunities/1",
            "/opportunityLeads",
            "/dealStages",
            "/fields",
            "/apiKeys",
            "/actuator/prometheus",
            "/actuator/metrics",
            "/nowhere")) {
      Reply reply = anonymous.get(path);
      assertThat(reply.status()).as(path).isEqualTo(401);
      assertThat(reply.header("WWW-Authenticate")).as(path).startsWith("Bearer");
      assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    }
    assertThat(anonymous.post("/opportunities", json(minimal(1))).status()).isEqualTo(401);
    assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
    assertThat(anonymous.get("/actuator/health/readiness").status()).isEqualTo(200);
    assertThat(anonymous.get("/v3/api-docs").status()).isEqualTo(200);
    assertThat(anonymous.get("/swagger-ui/index.html").status()).isEqualTo(200);
  }

  @Test
  void badAndRevokedKeysAreUnauthorized() {
    for (String token :
        List.of("nonsense", "test_admin.wrong-secret", "unknown_key.secret", ".", "a.")) {
      Reply reply = admin.as(token).get("/dealStages");
      assertThat(reply.status()).as(token).isEqualTo(401);
      assertThat(reply.header("WWW-Authenticate")).contains("invalid_token");
    }
    assertThat(
            admin
                .anonymous()
                .request("GET", "/dealStages")
                .header("Authorization", "Basic dXNlcjpwYXNz")
                .send()
                .status())
        .isEqualTo(401);
    Reply revokedReply = revoked.get("/opportunities");
    assertThat(revokedReply.status()).isEqualTo(401);
    assertThat(revokedReply.header("WWW-Authenticate")).contains("invalid_token");
  }

  @Test
  void scopedListsHoldOnlyTheCallersRows() {
    for (Role role : List.of(SALESPERSON, JR_SALESPERSON)) {
      long mine = opportunityOf(users.get(role));
      long theirs = opportunityOf(otherOwner);
      associationOf(mine);
      associationOf(theirs);
      List<Long> owners = new ArrayList<>();
      String cursor = null;
      do {
        JsonNode page =
            as(role)
                .get("/opportunities?limit=500" + (cursor == null ? "" : "&cursor=" + cursor))
                .json();
        page.path("items").forEach(item -> owners.add(item.path("ownerID").asLong()));
        cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asString();
      } while (cursor != null);
      assertThat(owners).isNotEmpty().containsOnly(users.get(role));
      assertThat(
              as(role).get("/opportunities?ownerID=" + otherOwner).json().path("items").isEmpty())
          .isTrue();
      assertThat(as(role).get("/opportunities?id=" + theirs).json().path("items").isEmpty())
          .isTrue();

      JsonNode associations =
          as(role)
              .get("/opportunityLeads?limit=500&opportunityID=" + mine + "," + theirs)
              .json()
              .path("items");
      assertThat(associations.size()).isEqualTo(1);
      assertThat(associations.get(0).path("opportunityID").asLong()).isEqualTo(mine);
    }
    assertThat(
            as(SALES_MANAGER)
                .get("/opportunities?ownerID=" + otherOwner)
                .json()
                .path("items")
                .isEmpty())
        .isFalse();
  }
}
