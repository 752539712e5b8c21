package com.leadgencrm.opportunities.opportunity;

import static com.leadgencrm.opportunities.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Api.Reply;
import com.leadgencrm.opportunities.support.IntegrationTest;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Filters, sorts and cursor paging against a few hundred generated opportunities, compared with the
 * same selection and order computed here.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpportunityListTest {

  static final int COUNT = 300;

  @Autowired Api api;

  /** What the test knows of each generated opportunity. */
  record Row(
      long id,
      long owner,
      long stage,
      @Nullable Long account,
      @Nullable Long campaign,
      String name,
      @Nullable BigDecimal probability,
      @Nullable BigDecimal amount,
      boolean closed,
      boolean won,
      boolean active,
      Instant closeDate,
      Instant created,
      Instant updated,
      Set<Long> leads) {}

  final List<Row> rows = new ArrayList<>();
  final List<Long> owners = new ArrayList<>();
  String ownerFilter;

  @BeforeAll
  void generate() {
    Random random = new Random(20261128);
    long base = Opportunities.uniqueOwner();
    for (int i = 0; i < 5; i++) {
      owners.add(base + i);
    }
    ownerFilter = owners.stream().map(String::valueOf).collect(Collectors.joining(","));
    for (int i = 0; i < COUNT; i++) {
      Map<String, Object> o = new HashMap<>();
      o.put("ownerID", owners.get(random.nextInt(owners.size())));
      o.put("dealStageID", 1 + random.nextInt(5));
      if (random.nextInt(3) > 0) {
        o.put("accountID", 1 + random.nextInt(6));
      }
      if (random.nextBoolean()) {
        o.put("campaignID", 100 + random.nextInt(3));
      }
      String name =
          (random.nextInt(4) == 0 ? "acme" : "deal") + Integer.toHexString(random.nextInt(1 << 16));
      o.put("opportunityName", name);
      if (random.nextInt(3) == 0) {
        o.put("probability", random.nextInt(101));
      }
      if (random.nextInt(4) > 0) {
        o.put("amount", BigDecimal.valueOf(random.nextInt(1_000_000), 2));
      }
      boolean closed = random.nextInt(3) == 0;
      o.put("isClosed", closed);
      o.put("isWon", closed && random.nextBoolean());
      o.put("isActive", random.nextInt(5) > 0);
      o.put("closeDate", LocalDate.of(2026, 1, 1).plusDays(random.nextInt(730)).toString());
      Reply reply = api.post("/opportunities", json(o));
      assertThat(reply.status()).as(reply.body()).isEqualTo(201);
      JsonNode v = reply.json();
      Set<Long> leads = new HashSet<>();
      for (int l = random.nextInt(3); l > 0; l--) {
        long lead = 700 + random.nextInt(10);
        if (leads.add(lead)) {
          assertThat(
                  api.put("/opportunities/" + v.path("id").asLong() + "/leads/" + lead, "")
                      .status())
              .isEqualTo(201);
        }
      }
      rows.add(row(v, leads));
    }
  }

  static Row row(JsonNode v, Set<Long> leads) {
    return new Row(
        v.path("id").asLong(),
        v.path("ownerID").asLong(),
        v.path("dealStageID").asLong(),
        v.path("accountID").isNull() ? null : v.path("accountID").asLong(),
        v.path("campaignID").isNull() ? null : v.path("campaignID").asLong(),
        v.path("opportunityName").asString(),
        v.path("probability").isNull() ? null : v.path("probability").decimalValue(),
        v.path("amount").isNull() ? null : v.path("amount").decimalValue(),
        v.path("isClosed").asBoolean(),
        v.path("isWon").asBoolean(),
        v.path("isActive").asBoolean(),
        Instant.parse(v.path("closeDate").asString()),
        Instant.parse(v.path("createTimestamp").asString()),
        Instant.parse(v.path("updateTimestamp").asString()),
        leads);
  }

  /** Every id of a list, following nextCursor to the end; fails if a row comes twice. */
  List<Long> walk(String query, int limit) {
    List<Long> ids = new ArrayList<>();
    String cursor = null;
    do {
      String url =
          "/opportunities?ownerID="
              + ownerFilter
              + "&limit="
              + limit
              + query
              + (cursor == null ? "" : "&cursor=" + cursor);
      Reply page = api.get(url);
      assertThat(page.status()).as(url + " " + page.body()).isEqualTo(200);
      assertThat(page.json().path("items").size()).isLessThanOrEqualTo(limit);
      page.json().path("items").forEach(item -> ids.add(item.path("id").asLong()));
      cursor =
          page.json().path("nextCursor").isNull()
              ? null
              : page.json().path("nextCursor").asString();
    } while (cursor != null);
    assertThat(new HashSet<>(ids)).as("no row twice").hasSize(ids.size());
    return ids;
  }

  List<Long> expected(Predicate<Row> filter, Comparator<Row> order) {
    return rows.stream().filter(filter).sorted(order).map(Row::id).toList();
  }

  static final Comparator<Row> BY_ID = Comparator.comparingLong(Row::id);

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Test
  void cursorWalkVisitsEveryRowOnceInIdOrder() {
    assertThat(walk("", 7)).containsExactlyElementsOf(expected(r -> true, BY_ID));
    assertThat(walk("", 500)).hasSize(COUNT);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "id",
        "opportunityName",
        "amount",
        "probability",
        "closeDate",
        "createTimestamp",
        "updateTimestamp"
      })
  void sortsBothWaysAndPagesWithoutGapsOrRepeats(String property) {
    Map<String, Comparator<Row>> keys =
        Map.of(
            "id", BY_ID,
            "opportunityName", Comparator.comparing(Row::name),
            "amount",
                Comparator.comparing(
                    r -> r.amount() == null ? BigDecimal.ONE.negate() : r.amount()),
            "probability",
                Comparator.comparing(
                    r -> r.probability() == null ? BigDecimal.ONE.negate() : r.probability()),
            "closeDate", Comparator.comparing(Row::closeDate),
            "createTimestamp", Comparator.comparing(Row::created),
            "updateTimestamp", Comparator.comparing(Row::updated));
    Comparator<Row> ascending = keys.get(property).thenComparing(BY_ID);
    assertThat(walk("&sort=" + property + ",asc", 23))
        .containsExactlyElementsOf(expected(r -> true, ascending));
    assertThat(walk("&sort=" + property + ",desc", 23))
        .containsExactlyElementsOf(expected(r -> true, ascending.reversed()));
  }

  @Test
  void filtersByIdFields() {
    long owner = owners.get(1);
    assertThat(walk("", 50).size()).isEqualTo(COUNT);
    assertThat(api.get("/opportunities?limit=500&ownerID=" + owner).json().path("items").size())
        .isEqualTo((int) rows.stream().filter(r -> r.owner() == owner).count());
    assertThat(walk("&dealStageID=2,4", 50))
        .containsExactlyElementsOf(expected(r -> r.stage() == 2 || r.stage() == 4, BY_ID));
    assertThat(walk("&accountID=3", 50))
        .containsExactlyElementsOf(expected(r -> Long.valueOf(3).equals(r.account()), BY_ID));
    assertThat(walk("&campaignID=100,102", 50))
        .containsExactlyElementsOf(
            expected(
                r -> r.campaign() != null && (r.campaign() == 100 || r.campaign() == 102), BY_ID));
    List<Long> some = rows.subList(10, 15).stream().map(Row::id).toList();
    assertThat(
            walk("&id=" + some.stream().map(String::valueOf).collect(Collectors.joining(",")), 2))
        .containsExactlyElementsOf(some);
  }

  @Test
  void filtersByAssociatedLead() {
    assertThat(walk("&leadID=703,705", 50))
        .containsExactlyElementsOf(
            expected(r -> r.leads().contains(703L) || r.leads().contains(705L), BY_ID));
  }

  @Test
  void filtersByFlags() {
    assertThat(walk("&isClosed=false", 50))
        .containsExactlyElementsOf(expected(r -> !r.closed(), BY_ID));
    assertThat(walk("&isWon=true", 50)).containsExactlyElementsOf(expected(Row::won, BY_ID));
    assertThat(walk("&isActive=false&isClosed=true", 50))
        .containsExactlyElementsOf(expected(r -> !r.active() && r.closed(), BY_ID));
  }

  @Test
  void filtersByRanges() {
    Instant from = Instant.parse("2026-06-01T00:00:00Z");
    Instant to = Instant.parse("2026-09-30T00:00:00Z");
    assertThat(
            walk(
                "&closeDateFrom=2026-06-01&closeDateTo=" + encode("2026-09-30T02:00:00+02:00"), 50))
        .containsExactlyElementsOf(
            expected(r -> !r.closeDate().isBefore(from) && !r.closeDate().isAfter(to), BY_ID));
    BigDecimal low = new BigDecimal("1000.00");
    BigDecimal high = new BigDecimal("5000.50");
    assertThat(walk("&amountFrom=1000&amountTo=5000.50", 50))
        .containsExactlyElementsOf(
            expected(
                r ->
                    r.amount() != null
                        && r.amount().compareTo(low) >= 0
                        && r.amount().compareTo(high) <= 0,
                BY_ID));
    assertThat(walk("&amountTo=5000.50", 50))
        .containsExactlyElementsOf(
            expected(r -> r.amount() != null && r.amount().compareTo(high) <= 0, BY_ID));
    Instant middle = rows.get(COUNT / 2).created();
    assertThat(walk("&createTimestampFrom=" + middle, 50))
        .containsExactlyElementsOf(expected(r -> !r.created().isBefore(middle), BY_ID));
    assertThat(walk("&updateTimestampTo=" + middle, 50))
        .containsExactlyElementsOf(expected(r -> !r.updated().isAfter(middle), BY_ID));
  }

  @Test
  void incrementalSyncSeesEveryChangeSinceT() {
    Row changed = rows.get(42);
    Reply patched = api.patch("/opportunities/" + changed.id(), json(Map.of("amount", 1)));
    String since = patched.json().path("updateTimestamp").asString();
    List<Long> ids = walk("&sort=updateTimestamp&updateTimestampFrom=" + since, 10);
    assertThat(ids).contains(changed.id());
    rows.set(42, row(patched.json(), changed.leads()));
  }

  @Test
  void searchesNamesIgnoringCase() {
    assertThat(walk("&q=ACME", 50))
        .containsExactlyElementsOf(expected(r -> r.name().contains("acme"), BY_ID));
    assertThat(walk("&q=" + encode("acme%"), 50)).isEmpty();
  }

  @Test
  void percentUnderscoreAndBackslashInASearchMatchThemselves() {
    long owner = Opportunities.uniqueOwner();
    Map<String, Long> ids = new HashMap<>();
    for (String name :
        List.of(
            "Promo 100% off",
            "Promo 1000 off", "abc_def", "abcXdef", "back\\slash", "back/slash", "backslash")) {
      Map<String, Object> opportunity = Opportunities.minimal(owner);
      opportunity.put("opportunityName", name);
      ids.put(name, Opportunities.create(api, opportunity));
    }
    Map<String, List<String>> searches =
        Map.of(
            "100%", List.of("Promo 100% off"),
            "abc_def", List.of("abc_def"),
            "back\\slash", List.of("back\\slash"),
            "ck\\sla", List.of("back\\slash"));
    searches.forEach(
        (q, names) -> {
          Reply page = api.get("/opportunities?ownerID=" + owner + "&q=" + encode(q));
          assertThat(page.status()).as(q + ": " + page.body()).isEqualTo(200);
          List<Long> found = new ArrayList<>();
          page.json().path("items").forEach(item -> found.add(item.path("id").asLong()));
          assertThat(found).as(q).containsExactlyElementsOf(names.stream().map(ids::get).toList());
        });
  }

  @Test
  void aSearchTheNameIndexCannotServeIsRefused() {
    // fewer than 3 letters or digits in a row: no trigram to look up, so every row would be read
    for (String q :
        List.of("ac", "a", "%", "%%%", "a_b", "a%b%c", "a b c", "__", "\\\\\\", "ab-cd")) {
      Reply reply = api.get("/opportunities?q=" + encode(q));
      assertThat(reply.status()).as(q + ": " + reply.body()).isEqualTo(400);
      assertThat(reply.json().path("errors"))
          .as(q)
          .isEqualTo(
              Api.JSON.readTree(
                  "[{\"field\":\"q\",\"message\":\"must hold at least 3 letters or digits in a"
                      + " row (a shorter search cannot use the index)\"}]"));
    }
    for (String q : List.of("acm", "ACME", "a-bcd", "Ökö", "１２３")) {
      assertThat(api.get("/opportunities?limit=1&q=" + encode(q)).status()).as(q).isEqualTo(200);
    }
  }

  @Test
  void filtersCombineWithSortAndPaging() {
    Comparator<Row> order =
        Comparator.comparing((Row r) -> r.amount() == null ? BigDecimal.ONE.negate() : r.amount())
            .thenComparing(BY_ID)
            .reversed();
    Predicate<Row> filter =
        r ->
            !r.closed()
                && r.active()
                && r.closeDate().isBefore(Instant.parse("2027-01-01T00:00:00Z"));
    assertThat(
            walk(
                "&isClosed=false&isActive=true&closeDateTo=2026-12-31T23:59:59Z&sort=amount,desc",
                9))
        .containsExactlyElementsOf(expected(filter, order));
  }

  @Test
  void cursorKeepsItsSortAndFilters() {
    Reply first = api.get("/opportunities?ownerID=" + ownerFilter + "&sort=amount,desc&limit=5");
    String cursor = first.json().path("nextCursor").asString();
    assertThat(
            api.get("/opportunities?ownerID=" + ownerFilter + "&limit=5&cursor=" + cursor).status())
        .isEqualTo(200);
    assertThat(
            api.get("/opportunities?ownerID=" + ownerFilter + "&sort=id&cursor=" + cursor)
                .errorFields())
        .containsExactly("sort");
    assertThat(api.get("/opportunities?ownerID=1&cursor=" + cursor).errorFields())
        .containsExactly("cursor");
  }

  @Test
  void rejectsBadQueries() {
    Reply reply =
        api.get(
            "/opportunities?ownerID=x&isWon=perhaps&amountFrom=lots&closeDateTo=soon&sort=colour&x=1");
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorFields())
        .containsExactly("amountFrom", "closeDateTo", "isWon", "ownerID", "x");
    assertThat(api.get("/opportunities?limit=501").errorFields()).containsExactly("limit");
  }
}
