package com.leadgencrm.opportunities.web;

import static com.leadgencrm.opportunities.opportunity.Opportunities.minimal;
import static com.leadgencrm.opportunities.opportunity.Opportunities.uniqueOwner;
import static com.leadgencrm.opportunities.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.opportunity.Opportunities;
import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Api.Reply;
import com.leadgencrm.opportunities.support.CustomFields;
import com.leadgencrm.opportunities.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.node.ObjectNode;

/**
 * No decimal a client sends makes the service work for long: a cursor's sort value, a wire {@code
 * where}, a range or custom-field filter, a value of a wire write. Each was seconds to minutes of
 * CPU (or a heap) before it was refused; now each is refused at once, before any arithmetic.
 */
@IntegrationTest
class BoundedDecimalsTest {

  static final String WIRE =
      "/pubapi/v1.2?accountID=test_admin&secretKey=0123456789abcdefghijklmnopqrstuv";

  /** Far more than a refusal takes, far less than the work it refuses. */
  static final Duration QUICK = Duration.ofSeconds(2);

  @Autowired Api api;
  final List<Long> fields = new ArrayList<>();

  @AfterEach
  void deleteFields() {
    fields.forEach(id -> api.delete("/fields/" + id));
  }

  /** The answer, asserting it came quickly. */
  static Reply quickly(String what, Supplier<Reply> request) {
    long started = System.nanoTime();
    Reply reply = request.get();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).as(what).isLessThan(QUICK);
    return reply;
  }

  Reply wire(String method, String params) {
    return api.anonymous()
        .request("POST", WIRE)
        .json("{\"method\":\"" + method + "\",\"params\":" + params + ",\"id\":1}")
        .send();
  }

  /** The list query of a few opportunities of one owner, sorted by amount, and its first cursor. */
  String[] firstPageByAmount() {
    long owner = uniqueOwner();
    for (int amount : new int[] {10, 20, 30}) {
      Map<String, Object> opportunity = new HashMap<>(minimal(owner));
      opportunity.put("amount", amount);
      Opportunities.create(api, opportunity);
    }
    String query = "/opportunities?ownerID=" + owner + "&sort=amount&limit=1";
    Reply first = api.get(query);
    assertThat(first.status()).isEqualTo(200);
    return new String[] {query, first.json().path("nextCursor").asString()};
  }

  static String base64(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor's JSON with another sort value, in the unsigned form cursors had before. */
  static String withValue(String cursor, String value) {
    String payload = cursor.contains(".") ? cursor.substring(0, cursor.indexOf('.')) : cursor;
    ObjectNode json = (ObjectNode) Api.JSON.readTree(Base64.getUrlDecoder().decode(payload));
    json.put("value", value);
    return base64(Api.JSON.writeValueAsString(json));
  }

  @Test
  void aCursorWithAHugeExponentIsRefusedAtOnce() {
    String[] page = firstPageByAmount();
    String query = page[0];
    String cursor = page[1];
    assertThat(api.get(query + "&cursor=" + cursor).status()).isEqualTo(200);

    // 81 s of CPU, then 400; and 500
    for (String value : List.of("1e-99999999", "1e-999999999")) {
      String forged = withValue(cursor, value);
      String signature = cursor.substring(cursor.indexOf('.') + 1);
      for (String text : List.of(forged, forged + "." + signature)) {
        Reply reply = quickly(value, () -> api.get(query + "&cursor=" + text));
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.errorFields()).containsExactly("cursor");
        assertThat(reply.json().path("detail").asString())
            .isEqualTo("Invalid 'cursor': is not a cursor issued by this service");
      }
    }
  }

  @Test
  void aCursorIsSignedOpaqueAndUrlSafe() {
    String[] page = firstPageByAmount();
    String query = page[0];
    String cursor = page[1];
    assertThat(cursor).matches("[A-Za-z0-9_.-]+");

    // the same values, re-encoded: not what this service issued
    String payload = cursor.substring(0, cursor.indexOf('.'));
    String unsigned = base64(new String(Base64.getUrlDecoder().decode(payload)));
    assertThat(api.get(query + "&cursor=" + unsigned).errorFields()).containsExactly("cursor");
    // one character of the payload or of the signature changed
    for (int at : new int[] {3, payload.length() + 5}) {
      char[] edited = cursor.toCharArray();
      edited[at] = edited[at] == 'A' ? 'B' : 'A';
      Reply reply = api.get(query + "&cursor=" + new String(edited));
      assertThat(reply.status()).isEqualTo(400);
      assertThat(reply.errorFields()).containsExactly("cursor");
    }
    for (String garbage : List.of(".", "a.", ".a", "a.b.c", "%2E%2E", "x".repeat(3000))) {
      assertThat(api.get(query + "&cursor=" + garbage).errorFields())
          .as(garbage)
          .containsExactly("cursor");
    }
    // the page it was issued for still follows
    Reply second = api.get(query + "&cursor=" + cursor);
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.json().path("items").get(0).path("amount").decimalValue())
        .isEqualByComparingTo("20");
  }

  @Test
  void wireWhereValuesWithHugeExponentsAreRefusedAtOnceAndLivenessStaysQuick() {
    // four of these exhausted a 256 MB heap; two held the liveness probe for 9 s
    List<String> params =
        List.of(
            "{\"where\":{\"amount\":\"1e-30000000\"}}",
            "{\"where\":{\"amount\":1e-30000000}}",
            "{\"where\":{\"probability\":\"1e-30000000\"}}",
            "{\"where\":{\"opportunityName\":1e-30000000}}");
    List<CompletableFuture<Reply>> calls = new ArrayList<>();
    long started = System.nanoTime();
    for (String param : params) {
      calls.add(CompletableFuture.supplyAsync(() -> wire("getOpportunities", param)));
    }
    Reply liveness = quickly("liveness", () -> api.anonymous().get("/actuator/health/liveness"));
    assertThat(liveness.status()).isEqualTo(200);
    for (int i = 0; i < calls.size(); i++) {
      Reply reply = calls.get(i).join();
      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.json().path("error").path("code").asInt())
          .as(params.get(i) + " -> " + reply.body())
          .isEqualTo(205);
      assertThat(reply.json().path("error").path("data").get(0).path("message").asString())
          .as(reply.body())
          .startsWith("is out of range");
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(QUICK);
  }

  @Test
  void wireWritesWithHugeNumbersAreRefusedAtOnce() {
    long owner = uniqueOwner();
    ObjectNode valid = (ObjectNode) Api.JSON.valueToTree(minimal(owner));
    List<String> objects = new ArrayList<>();
    for (String[] change :
        new String[][] {
          {"amount", "\"1e-99999999\""},
          {"amount", "1e-99999999"},
          {"probability", "1e-30000000"},
          {"ownerID", "1e30000000"},
          {"opportunityName", "1e-30000000"},
          {"accountID", "\"" + "1".repeat(500_000) + "\""},
        }) {
      ObjectNode object = valid.deepCopy();
      object.set(change[0], Api.JSON.readTree(change[1]));
      objects.add(Api.JSON.writeValueAsString(object));
    }
    Reply reply =
        quickly(
            "createOpportunities",
            () -> wire("createOpportunities", "{\"objects\":[" + String.join(",", objects) + "]}"));
    assertThat(reply.status()).isEqualTo(200);
    for (var slot : reply.json().path("result").path("creates")) {
      assertThat(slot.path("success").asBoolean()).as(reply.body()).isFalse();
      assertThat(slot.path("error").path("code").asInt()).isEqualTo(205);
    }
    assertThat(reply.json().path("result").path("creates").size()).isEqualTo(6);
  }

  @Test
  void rangeAndCustomFieldFiltersWithHugeNumbersAreRefusedAtOnce() {
    String field = numberField();
    for (String query :
        List.of(
            "amountFrom=1e-99999999",
            "amountTo=1e999999999",
            field + "=1e-99999999",
            field + "From=1e-999999999",
            field + "To=" + "1".repeat(4000))) {
      Reply reply = quickly(query, () -> api.get("/opportunities?" + query));
      assertThat(reply.status()).as(query + " -> " + reply.body()).isEqualTo(400);
    }
    // as a wire where: two million digits took seconds to parse
    Reply reply =
        quickly(
            "wire custom where",
            () ->
                wire(
                    "getOpportunities",
                    "{\"where\":{\"" + field + "\":\"" + "1".repeat(1_900_000) + "\"}}"));
    assertThat(reply.json().path("error").path("code").asInt()).as(reply.body()).isEqualTo(205);
  }

  String numberField() {
    Reply created =
        CustomFields.create(api, CustomFields.body("n", "Bounded number", "number", 18));
    fields.add(created.id());
    return created.json().path("systemName").asString();
  }
}
