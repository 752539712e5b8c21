package com.leadgencrm.opportunities.security;

import static com.leadgencrm.opportunities.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.core.Caller;
import com.leadgencrm.opportunities.core.Role;
import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Api.Reply;
import com.leadgencrm.opportunities.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ApiKeyTest {

  @Autowired Api admin;
  @Autowired JdbcClient jdbc;
  @Autowired ApiKeyService keys;
  @Autowired PlatformTransactionManager transactions;

  @Test
  void createdKeyShowsItsSecretOnceAndWorks(CapturedOutput output) {
    Reply created = Keys.create(admin, Role.SALES_MANAGER, 42, null);
    String id = created.json().path("id").asString();
    String secret = created.json().path("secret").asString();
    assertThat(secret).hasSizeGreaterThanOrEqualTo(40);
    assertThat(created.json().path("token").asString()).isEqualTo(id + "." + secret);
    assertThat(created.json().path("userID").asLong()).isEqualTo(42);
    assertThat(created.json().path("role").asString()).isEqualTo("SALES_MANAGER");
    assertThat(created.header("Location")).isEqualTo("/apiKeys/" + id);

    Api client = admin.as(id + "." + secret);
    assertThat(client.get("/opportunities?limit=1").status()).isEqualTo(200);
    assertThat(client.as(id + ".not-" + secret).get("/dealStages").status()).isEqualTo(401);

    Reply read = admin.get("/apiKeys/" + id);
    Reply list = admin.get("/apiKeys?userID=42");
    assertThat(read.body()).doesNotContain(secret).doesNotContain("\"secret\"");
    assertThat(list.body()).doesNotContain(secret).contains(id);
    List<Map<String, Object>> rows = jdbc.sql("select * from api_key").query().listOfRows();
    assertThat(rows.toString()).doesNotContain(secret);
    assertThat(output.getAll()).doesNotContain(secret);
  }

  @Test
  void revokingTakesEffectAtOnce() {
    Reply created = Keys.create(admin, Role.COMPANY_MANAGER, 43, null);
    Api client = admin.as(created.json().path("token").asString());
    assertThat(client.get("/dealStages").status()).isEqualTo(200);

    assertThat(admin.delete("/apiKeys/" + created.json().path("id").asString()).status())
        .isEqualTo(204);

    assertThat(client.get("/dealStages").status()).isEqualTo(401);
    Reply listed = admin.get("/apiKeys/" + created.json().path("id").asString());
    assertThat(listed.json().path("revoked").asBoolean()).isTrue();
    assertThat(listed.json().path("revokedTimestamp").isNull()).isFalse();
    assertThat(admin.delete("/apiKeys/no_such_key").status()).isEqualTo(404);
  }

  @Test
  void rejectsInvalidKeyRequests() {
    Reply reply =
        admin.post("/apiKeys", json(Map.of("userID", 0, "role", "BOSS", "rateLimitPerSecond", 0)));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorFields()).containsExactly("rateLimitPerSecond", "role", "userID");
    assertThat(admin.post("/apiKeys", "{}").errorFields()).containsExactly("role", "userID");
  }

  @Test
  void firstStartWithoutKeysGeneratesOneAndLogsItsTokenOnce(CapturedOutput output) {
    new TransactionTemplate(transactions)
        .executeWithoutResult(
            status -> {
              // on a database without keys (rolled back afterwards: other tests need theirs)
              jdbc.sql("delete from api_key").update();
              Caller.runAsSystem(
                  () -> {
                    keys.bootstrap(null, 1);
                    keys.bootstrap(null, 1);
                    return null;
                  });
              List<String> generated =
                  jdbc.sql("select key_id from api_key").query(String.class).list();
              assertThat(generated).hasSize(1);
              String logged =
                  output
                      .getAll()
                      .lines()
                      .filter(line -> line.contains("Administrator key was generated"))
                      .reduce("", String::concat);
              assertThat(logged).contains(generated.get(0) + ".");
              assertThat(
                      output
                          .getAll()
                          .split(java.util.regex.Pattern.quote(generated.get(0) + "."), -1))
                  .hasSize(2);
              status.setRollbackOnly();
            });
  }

  @Test
  void bootstrapKeyIsAnAdministrator() {
    Reply key = admin.get("/apiKeys/test_admin");
    assertThat(key.json().path("role").asString()).isEqualTo("ADMINISTRATOR");
    assertThat(key.json().path("userID").asLong()).isEqualTo(1);
  }
}
