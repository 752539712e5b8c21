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
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Every endpoint and method with each role, with no key and with a revoked key, against the
 * permission table: all of it over HTTP.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PermissionMatrixTest {

  @Autowired Api admin;

  /** Per role: its client, its user, and fixtures it owns or does not own. */
  final Map<Role, Api> clients = new EnumMap<>(Role.class);

  final Map<Role, Long> users = new EnumMap<>(Role.class);
  long otherOwner;
  Api revoked;

  @BeforeAll
  void keys() {
    for (Role role : Role.values()) {
      long user = uniqueOwner();
      users.put(role, user);
      clients.put(role, Keys.client(admin, role, user));
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

  /**
   * One request: what it does, given the acting role (fixtures are created fresh for each call).
   */
  record Case(String name, Function<Role, Reply> call, Map<Role, Integer> expected) {}

  static Map<Role, Integer> expect(
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

  static Map<Role, Integer> all(int status) {
    return expect(status, status, status, status, status, status);
  }

  Api as(Role role) {
    return clients.get(role);
  }

  String stageBody() {
    return json(Map.of("dealStageName", "Matrix " + UUID.randomUUID()));
  }

  String fieldBody() {
    return json(
        Map.of(
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
            true));
  }

  long stage() {
    return admin.post("/dealStages", stageBody()).id();
  }

  long leadField() {
    return admin.post("/fields", fieldBody()).id();
  }

  List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    // opportunities: own
    cases.add(
        new Case(
            "GET own opportunity",
            r -> as(r).get("/opportunities/" + opportunityOf(users.get(r))),
            all(200)));
    cases.add(
        new Case(
            "POST own opportunity",
            r -> as(r).post("/opportunities", json(minimal(users.get(r)))),
            expect(201, 201, 201, 403, 201, 201)));
    cases.add(
        new Case(
            "PUT own opportunity",
            r ->
                as(r)
                    .put(
                        "/opportunities/" + opportunityOf(users.get(r)),
                        json(minimal(users.get(r)))),
            expect(200, 200, 200, 403, 200, 200)));
    cases.add(
        new Case(
            "PATCH own opportunity",
            r ->
                as(r)
                    .patch(
                        "/opportunities/" + opportunityOf(users.get(r)), json(Map.of("amount", 5))),
            expect(200, 200, 200, 403, 200, 200)));
    cases.add(
        new Case(
            "DELETE own opportunity",
            r -> as(r).delete("/opportunities/" + opportunityOf(users.get(r))),
            expect(204, 204, 204, 403, 204, 403)));
    // opportunities: someone else's
    cases.add(
        new Case(
            "GET other's opportunity",
            r -> as(r).get("/opportunities/" + opportunityOf(otherOwner)),
            expect(200, 200, 200, 200, 404, 404)));
    cases.add(
        new Case(
            "POST for another owner",
            r -> as(r).post("/opportunities", json(minimal(otherOwner))),
            expect(201, 201, 201, 403, 403, 403)));
    cases.add(
        new Case(
            "PUT other's opportunity",
            r ->
                as(r).put("/opportunities/" + opportunityOf(otherOwner), json(minimal(otherOwner))),
            expect(200, 200, 200, 403, 404, 404)));
    cases.add(
        new Case(
            "PATCH other's opportunity",
            r ->
                as(r)
                    .patch(
                        "/opportunities/" + opportunityOf(otherOwner), json(Map.of("amount", 5))),
            expect(200, 200, 200, 403, 404, 404)));
    cases.add(
        new Case(
            "PATCH hands own opportunity over",
            r ->
                as(r)
                    .patch(
                        "/opportunities/" + opportunityOf(users.get(r)),
                        json(Map.of("ownerID", otherOwner))),
            expect(200, 200, 200, 403, 403, 403)));
    cases.add(
        new Case(
            "PUT hands own opportunity over",
            r ->
                as(r)
                    .put(
                        "/opportunities/" + opportunityOf(users.get(r)), json(minimal(otherOwner))),
            expect(200, 200, 200, 403, 403, 403)));
    cases.add(
        new Case(
            "DELETE other's opportunity",
            r -> as(r).delete("/opportunities/" + opportunityOf(otherOwner)),
            expect(204, 204, 204, 403, 404, 403)));
    cases.add(new Case("GET opportunities", r -> as(r).get("/opportunities?limit=1"), all(200)));
    // associations
    cases.add(
        new Case(
            "GET own opportunity's leads",
            r -> as(r).get("/opportunities/" + opportunityOf(users.get(r)) + "/leads"),
            all(200)));
    cases.add(
        new Case(
            "GET other's opportunity's leads",
            r -> as(r).get("/opportunities/" + opportunityOf(otherOwner) + "/leads"),
            expect(200, 200, 200, 200, 404, 404)));
    cases.add(
        new Case(
            "PUT lead of own opportunity",
            r -> as(r).put("/opportunities/" + opportunityOf(users.get(r)) + "/leads/5", ""),
            expect(201, 201, 201, 403, 201, 201)));
    cases.add(
        new Case(
            "PUT lead of other's opportunity",
            r -> as(r).put("/opportunities/" + opportunityOf(otherOwner) + "/leads/5", ""),
            expect(201, 201, 201, 403, 404, 404)));
    cases.add(
        new Case(
            "DELETE lead of own opportunity",
            r -> {
              long opportunity = opportunityOf(users.get(r));
              admin.put("/opportunities/" + opportunity + "/leads/6", "");
              return as(r).delete("/opportunities/" + opportunity + "/leads/6");
            },
            expect(204, 204, 204, 403, 204, 403)));
    cases.add(
        new Case(
            "POST association to own opportunity",
            r ->
                as(r)
                    .post(
                        "/opportunityLeads",
                        json(Map.of("opportunityID", opportunityOf(users.get(r)), "leadID", 7))),
            expect(201, 201, 201, 403, 201, 201)));
    cases.add(
        new Case(
            "POST association to other's opportunity",
            r ->
                as(r)
                    .post(
                        "/opportunityLeads",
                        json(Map.of("opportunityID", opportunityOf(otherOwner), "leadID", 7))),
            expect(201, 201, 201, 403, 400, 400)));
    cases.add(
        new Case(
            "GET other's association",
            r -> as(r).get("/opportunityLeads/" + associationOf(opportunityOf(otherOwner))),
            expect(200, 200, 200, 200, 404, 404)));
    cases.add(
        new Case(
            "DELETE own association",
            r -> as(r).delete("/opportunityLeads/" + associationOf(opportunityOf(users.get(r)))),
            expect(204, 204, 204, 403, 204, 403)));
    cases.add(
        new Case(
            "DELETE other's association",
            r -> as(r).delete("/opportunityLeads/" + associationOf(opportunityOf(otherOwner))),
            expect(204, 204, 204, 403, 404, 403)));
    cases.add(new Case("GET associations", r -> as(r).get("/opportunityLeads?limit=1"), all(200)));
    // deal stages
    cases.add(new Case("GET deal stages", r -> as(r).get("/dealStages"), all(200)));
    cases.add(new Case("GET deal stage", r -> as(r).get("/dealStages/1"), all(200)));
    cases.add(
        new Case(
            "POST deal stage",
            r -> as(r).post("/dealStages", stageBody()),
            expect(201, 201, 403, 403, 403, 403)));
    cases.add(
        new Case(
            "PUT deal stage",
            r -> as(r).put("/dealStages/" + stage(), stageBody()),
            expect(200, 200, 403, 403, 403, 403)));
    cases.add(
        new Case(
            "PATCH deal stage",
            r -> as(r).patch("/dealStages/" + stage(), json(Map.of("weight", 99))),
            expect(200, 200, 403, 403, 403, 403)));
    cases.add(
        new Case(
            "DELETE deal stage",
            r -> as(r).delete("/dealStages/" + stage()),
            expect(204, 204, 403, 403, 403, 403)));
    // fields
    cases.add(new Case("GET fields", r -> as(r).get("/fields"), all(200)));
    cases.add(new Case("GET field", r -> as(r).get("/fields/1"), all(200)));
    cases.add(
        new Case(
            "POST field",
            r -> as(r).post("/fields", fieldBody()),
            expect(201, 201, 403, 201, 403, 403)));
    cases.add(
        new Case(
            "PUT field",
            r -> as(r).put("/fields/" + leadField(), fieldBody()),
            expect(200, 200, 403, 200, 403, 403)));
    cases.add(
        new Case(
            "PATCH field",
            r -> as(r).patch("/fields/" + leadField(), json(Map.of("label", "M2"))),
            expect(200, 200, 403, 200, 403, 403)));
    cases.add(
        new Case(
            "DELETE field",
            r -> as(r).delete("/fields/" + leadField()),
            expect(204, 204, 403, 204, 403, 403)));
    // API keys and operations
    cases.add(
        new Case("GET API keys", r -> as(r).get("/apiKeys"), expect(200, 403, 403, 403, 403, 403)));
    cases.add(
        new Case(
            "POST API key",
            r -> as(r).post("/apiKeys", json(Map.of("userID", 5, "role", "SALESPERSON"))),
            expect(201, 403, 403, 403, 403, 403)));
    cases.add(
        new Case(
            "DELETE API key",
            r ->
                as(r)
                    .delete(
                        "/apiKeys/"
                            + Keys.create(admin, SALESPERSON, 5, null)
                                .json()
                                .path("id")
                                .asString()),
            expect(204, 403, 403, 403, 403, 403)));
    cases.add(
        new Case(
            "GET metrics",
            r -> as(r).get("/actuator/prometheus"),
            expect(200, 403, 403, 403, 403, 403)));
    return cases;
  }

  @Test
  void everyRoleGetsExactlyWhatThePermissionTableSays() {
    SoftAssertions softly = new SoftAssertions();
    for (Case c : cases()) {
      for (Role role : Role.values()) {
        Reply reply = c.call().apply(role);
        softly
            .assertThat(reply.status())
            .as(c.name() + " as " + role + ": " + reply.body())
            .isEqualTo(c.expected().get(role));
        if (reply.status() >= 400) {
          softly
              .assertThat(reply.header("Content-Type"))
              .as(c.name() + " as " + role)
              .startsWith("application/problem+json");
        }
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
