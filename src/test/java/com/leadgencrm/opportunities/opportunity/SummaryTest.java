package com.leadgencrm.opportunities.opportunity;

import static com.leadgencrm.opportunities.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.core.Role;
import com.leadgencrm.opportunities.security.Keys;
import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.Api.Reply;
import com.leadgencrm.opportunities.support.CustomFields;
import com.leadgencrm.opportunities.support.IntegrationTest;
import com.leadgencrm.opportunities.support.WireClient;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /opportunities/summary} against a few hundred generated opportunities (missing amounts
 * and probabilities, open, won and lost, several owners, two years of close dates, custom fields of
 * each groupable type): every figure of every group and total equals the same figure computed here
 * from what the API answered when the opportunities were created.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SummaryTest {

  static final int COUNT = 300;
  static final List<String> CURRENCIES = List.of("USD", "EUR", "JPY", "KWD");
  static final List<String> REGIONS = List.of("east", "north", "south", "west");

  @Autowired Api api;

  final List<JsonNode> rows = new ArrayList<>();
  final List<Long> owners = new ArrayList<>();
  final List<Long> fieldIds = new ArrayList<>();
  final List<Long> stages = new ArrayList<>(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L));
  String ownerFilter;
  String region;
  String vip;
  String seats;
  String signed;

  @BeforeAll
  void generate() {
    region = field("text");
    vip = field("boolean");
    seats = field("integer");
    signed = field("date");
    Random random = new Random(20261202);
    // a second pipeline whose stages' order is not their ids' order
    Reply pipeline =
        api.post("/pipelines", json(Map.of("name", "Summary " + UUID.randomUUID(), "weight", 5)));
    assertThat(pipeline.status()).as(pipeline.body()).isEqualTo(201);
    for (int weight : List.of(20, 10)) {
      Reply stage =
          api.post(
              "/dealStages",
              json(
                  Map.of(
                      "dealStageName",
                      "Summary " + weight,
                      "pipelineID",
                      pipeline.id(),
                      "weight",
                      weight,
                      "defaultProbability",
                      weight)));
      assertThat(stage.status()).as(stage.body()).isEqualTo(201);
      stages.add(stage.id());
    }
    long base = Opportunities.uniqueOwner();
    for (int i = 0; i < 5; i++) {
      owners.add(base + i);
    }
    ownerFilter = owners.stream().map(String::valueOf).collect(Collectors.joining(","));
    for (int i = 0; i < COUNT; i++) {
      Map<String, Object> o = new HashMap<>();
      o.put("ownerID", owners.get(random.nextInt(owners.size())));
      o.put("dealStageID", stages.get(random.nextInt(stages.size())));
      if (random.nextInt(3) > 0) {
        o.put("accountID", 1 + random.nextInt(4));
      }
      if (random.nextBoolean()) {
        o.put("campaignID", 100 + random.nextInt(3));
      }
      o.put("opportunityName", (random.nextInt(4) == 0 ? "acme " : "deal ") + i);
      if (random.nextInt(3) == 0) {
        // 0 to 100 with up to two decimals: weighted amounts that need rounding
        o.put("probability", BigDecimal.valueOf(random.nextInt(10_001), 2));
      }
      String currency = CURRENCIES.get(random.nextInt(CURRENCIES.size()));
      o.put("currency", currency);
      if (random.nextInt(5) > 0) {
        o.put("amount", BigDecimal.valueOf(random.nextInt(100_000_000), minorUnits(currency)));
      }
      int closing = random.nextInt(3);
      o.put("isClosed", closing > 0);
      o.put("isWon", closing == 2);
      o.put("isActive", random.nextInt(5) > 0);
      o.put("closeDate", LocalDate.of(2026, 1, 1).plusDays(random.nextInt(730)).toString());
      if (random.nextInt(4) > 0) {
        o.put(region, REGIONS.get(random.nextInt(REGIONS.size())));
      }
      if (random.nextInt(4) > 0) {
        o.put(vip, random.nextBoolean());
      }
      if (random.nextInt(4) > 0) {
        o.put(seats, random.nextInt(4) * 50);
      }
      if (random.nextInt(4) > 0) {
        o.put(signed, LocalDate.of(2026, 3, 1).plusDays(random.nextInt(5)).toString());
      }
      Reply reply = api.post("/opportunities", json(o));
      assertThat(reply.status()).as(reply.body()).isEqualTo(201);
      rows.add(reply.json());
    }
  }

  @AfterAll
  void deleteFields() {
    fieldIds.forEach(id -> api.delete("/fields/" + id));
  }

  String field(String dataType) {
    Reply created =
        CustomFields.create(
            api,
            CustomFields.body(
                dataType,
                "Summary " + dataType,
                dataType,
                dataType.equals("text") ? 40 : dataType.equals("date") ? 10 : 18));
    fieldIds.add(created.id());
    return created.json().path("systemName").asString();
  }

  // ---- the figures, as the test computes them

  /** A group's figures, summed here in exact decimals. */
  static final class Figures {
    final String currency;
    long count;
    long openCount;
    long wonCount;
    long lostCount;
    BigDecimal amount = BigDecimal.ZERO;
    BigDecimal openAmount = BigDecimal.ZERO;
    BigDecimal weighted = BigDecimal.ZERO;
    BigDecimal wonAmount = BigDecimal.ZERO;
    BigDecimal lostAmount = BigDecimal.ZERO;

    Figures(String currency) {
      this.currency = currency;
    }

    void add(JsonNode o) {
      BigDecimal value =
          o.path("amount").isNull() ? BigDecimal.ZERO : o.path("amount").decimalValue();
      count++;
      amount = amount.add(value);
      if (!o.path("isClosed").asBoolean()) {
        openCount++;
        openAmount = openAmount.add(value);
        if (!o.path("probability").isNull()) {
          weighted = weighted.add(value.multiply(o.path("probability").decimalValue()));
        }
      } else if (o.path("isWon").asBoolean()) {
        wonCount++;
        wonAmount = wonAmount.add(value);
      } else {
        lostCount++;
        lostAmount = lostAmount.add(value);
      }
    }

    void assertAnswered(JsonNode answer, String what) {
      assertThat(answer.path("count").asLong()).as(what + " count").isEqualTo(count);
      assertMoney(answer, "amount", amount, what);
      assertThat(answer.path("openCount").asLong()).as(what + " openCount").isEqualTo(openCount);
      assertMoney(answer, "openAmount", openAmount, what);
      // rounded once, at the end, half-up to the currency's minor units
      assertMoney(
          answer,
          "weightedAmount",
          weighted
              .divide(BigDecimal.valueOf(100))
              .setScale(minorUnits(currency), RoundingMode.HALF_UP),
          what);
      assertThat(answer.path("wonCount").asLong()).as(what + " wonCount").isEqualTo(wonCount);
      assertMoney(answer, "wonAmount", wonAmount, what);
      assertThat(answer.path("lostCount").asLong()).as(what + " lostCount").isEqualTo(lostCount);
      assertMoney(answer, "lostAmount", lostAmount, what);
      if (wonCount + lostCount == 0) {
        assertThat(answer.path("winRate").isNull()).as(what + " winRate").isTrue();
      } else {
        assertThat(answer.path("winRate").decimalValue())
            .as(what + " winRate")
            .isEqualTo(
                BigDecimal.valueOf(wonCount)
                    .divide(BigDecimal.valueOf(wonCount + lostCount), 4, RoundingMode.HALF_UP));
      }
    }

    void assertMoney(JsonNode answer, String name, BigDecimal expected, String what) {
      // exact, and written with the currency's minor units
      assertThat(answer.path(name).toString())
          .as(what + " " + name)
          .isEqualTo(
              expected.setScale(minorUnits(currency), RoundingMode.UNNECESSARY).toPlainString());
    }
  }

  static int minorUnits(String currency) {
    return java.util.Currency.getInstance(currency).getDefaultFractionDigits();
  }

  /** The value of a groupBy key of an opportunity, as the summary's key holds it (or null). */
  @Nullable Object keyOf(JsonNode o, String key) {
    return switch (key) {
      case "closeMonth" -> month(o).toString().substring(0, 7);
      case "closeQuarter" -> month(o).getYear() + "-Q" + ((month(o).getMonthValue() - 1) / 3 + 1);
      case "pipelineID", "dealStageID", "ownerID", "accountID", "campaignID" ->
          o.path(key).isNull() ? null : o.path(key).asLong();
      case "isClosed", "isWon" -> o.path(key).asBoolean();
      default -> {
        JsonNode value = o.path(key);
        if (value.isNull() || value.isMissingNode()) {
          yield null;
        }
        yield value.isBoolean()
            ? value.asBoolean()
            : value.isNumber() ? value.asLong() : value.asString();
      }
    };
  }

  static LocalDate month(JsonNode o) {
    return LocalDate.ofInstant(Instant.parse(o.path("closeDate").asString()), ZoneOffset.UTC);
  }

  /**
   * How the summary orders values of a key: stages and pipelines in pipeline order, no value last.
   */
  Comparator<@Nullable Object> order(String key) {
    Map<Long, Long> pipelineWeights = new HashMap<>();
    api.get("/pipelines?limit=500")
        .json()
        .path("items")
        .forEach(p -> pipelineWeights.put(p.path("id").asLong(), p.path("weight").asLong()));
    Map<Long, long[]> stageOrder = new HashMap<>();
    api.get("/dealStages?limit=500")
        .json()
        .path("items")
        .forEach(
            s ->
                stageOrder.put(
                    s.path("id").asLong(),
                    new long[] {
                      pipelineWeights.get(s.path("pipelineID").asLong()), s.path("weight").asLong()
                    }));
    Comparator<Object> byValue =
        switch (key) {
          case "dealStageID" ->
              Comparator.comparing((Object v) -> stageOrder.get((Long) v)[0])
                  .thenComparing(v -> stageOrder.get((Long) v)[1])
                  .thenComparing(v -> (Long) v);
          case "pipelineID" ->
              Comparator.comparing((Object v) -> pipelineWeights.get((Long) v))
                  .thenComparing(v -> (Long) v);
          default -> (a, b) -> compareValues(a, b);
        };
    return Comparator.nullsLast(byValue);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compareValues(Object a, Object b) {
    return ((Comparable) a).compareTo(b);
  }

  /** Checks a summary answer against the figures computed here for the selected opportunities. */
  void assertSummary(JsonNode answer, List<String> keys, Predicate<JsonNode> selected) {
    assertSummary(answer, keys, rows.stream().filter(selected).toList());
  }

  /** Checks a summary answer against the figures computed here for {@code chosen}. */
  void assertSummary(JsonNode answer, List<String> keys, List<JsonNode> chosen) {
    Comparator<List<Object>> tupleOrder = null;
    for (int i = 0; i < keys.size(); i++) {
      int index = i;
      Comparator<@Nullable Object> one = order(keys.get(i));
      Comparator<List<Object>> byKey = (a, b) -> one.compare(a.get(index), b.get(index));
      tupleOrder = tupleOrder == null ? byKey : tupleOrder.thenComparing(byKey);
    }
    // then by currency, the last element of each tuple
    Comparator<List<Object>> byCurrency = Comparator.comparing(t -> (String) t.get(t.size() - 1));
    Map<List<Object>, Figures> expected =
        new TreeMap<>(tupleOrder == null ? byCurrency : tupleOrder.thenComparing(byCurrency));
    Map<String, Figures> totals = new TreeMap<>();
    for (JsonNode o : chosen) {
      String currency = o.path("currency").asString();
      List<Object> tuple = new ArrayList<>();
      for (String key : keys) {
        tuple.add(keyOf(o, key));
      }
      tuple.add(currency);
      expected.computeIfAbsent(tuple, t -> new Figures(currency)).add(o);
      totals.computeIfAbsent(currency, Figures::new).add(o);
    }
    JsonNode groups = answer.path("groups");
    assertThat(groups.size()).as("groups of " + keys + ": " + answer).isEqualTo(expected.size());
    int g = 0;
    for (Map.Entry<List<Object>, Figures> entry : expected.entrySet()) {
      JsonNode group = groups.get(g++);
      Map<String, Object> key = new LinkedHashMap<>();
      for (int i = 0; i < keys.size(); i++) {
        key.put(keys.get(i), entry.getKey().get(i));
      }
      key.put("currency", entry.getValue().currency);
      assertThat(group.path("key").toString())
          .as("group %d of %s", g, keys)
          .isEqualTo(Api.JSON.writeValueAsString(key));
      entry.getValue().assertAnswered(group, "group " + key);
    }
    assertThat(answer.path("totals").size()).isEqualTo(totals.size());
    int t = 0;
    for (Figures total : totals.values()) {
      JsonNode answered = answer.path("totals").get(t++);
      assertThat(answered.path("currency").asString()).isEqualTo(total.currency);
      total.assertAnswered(answered, "total " + total.currency);
    }
  }

  JsonNode summary(Api client, String query) {
    Reply reply = client.get("/opportunities/summary?" + query);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  Predicate<JsonNode> mine() {
    return o -> owners.contains(o.path("ownerID").asLong());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "pipelineID",
        "dealStageID",
        "ownerID",
        "accountID",
        "campaignID",
        "closeMonth",
        "closeQuarter",
        "isClosed",
        "isWon"
      })
  void everyStandardKeyGroupsAsComputedHere(String key) {
    assertSummary(summary(api, "ownerID=" + ownerFilter + "&groupBy=" + key), List.of(key), mine());
  }

  @Test
  void customFieldsOfEachGroupableTypeAreKeys() {
    for (String key : List.of(region, vip, seats, signed)) {
      assertSummary(
          summary(api, "ownerID=" + ownerFilter + "&groupBy=" + key), List.of(key), mine());
    }
  }

  @Test
  void twoKeysGroupByBoth() {
    assertSummary(
        summary(api, "ownerID=" + ownerFilter + "&groupBy=dealStageID,closeQuarter"),
        List.of("dealStageID", "closeQuarter"),
        mine());
    assertSummary(
        summary(api, "ownerID=" + ownerFilter + "&groupBy=" + region + ",isWon"),
        List.of(region, "isWon"),
        mine());
  }

  @Test
  void theListFiltersSelectWhatIsSummed() {
    Instant from = Instant.parse("2026-06-01T00:00:00Z");
    Instant to = Instant.parse("2027-03-31T00:00:00Z");
    assertSummary(
        summary(
            api,
            "ownerID="
                + ownerFilter
                + "&dealStageID=1,2,3&closeDateFrom=2026-06-01&closeDateTo=2027-03-31"
                + "&groupBy=ownerID"),
        List.of("ownerID"),
        mine()
            .and(o -> List.of(1L, 2L, 3L).contains(o.path("dealStageID").asLong()))
            .and(o -> !Instant.parse(o.path("closeDate").asString()).isBefore(from))
            .and(o -> !Instant.parse(o.path("closeDate").asString()).isAfter(to)));
    assertSummary(
        summary(
            api,
            "ownerID=" + ownerFilter + "&amountFrom=500000&isActive=true&groupBy=closeQuarter"),
        List.of("closeQuarter"),
        mine()
            .and(o -> !o.path("amount").isNull())
            .and(o -> o.path("amount").decimalValue().compareTo(new BigDecimal(500000)) >= 0)
            .and(o -> o.path("isActive").asBoolean()));
    assertSummary(
        summary(api, "ownerID=" + ownerFilter + "&currency=JPY,KWD&groupBy=pipelineID"),
        List.of("pipelineID"),
        mine().and(o -> List.of("JPY", "KWD").contains(o.path("currency").asString())));
    assertSummary(
        summary(api, "ownerID=" + ownerFilter + "&q=acme&" + region + "=north&groupBy=isWon"),
        List.of("isWon"),
        mine()
            .and(o -> o.path("opportunityName").asString().contains("acme"))
            .and(o -> "north".equals(o.path(region).asString(null))));
  }

  @Test
  void aSalespersonSummarisesTheirOwnOnly() {
    long me = owners.get(2);
    Api salesperson = Keys.client(api, Role.SALESPERSON, me);
    Predicate<JsonNode> own = o -> o.path("ownerID").asLong() == me;
    assertSummary(summary(salesperson, "groupBy=dealStageID"), List.of("dealStageID"), own);
    // a filter naming others' opportunities finds none of them
    assertSummary(
        summary(salesperson, "ownerID=" + owners.get(0) + "&groupBy=ownerID"),
        List.of("ownerID"),
        o -> false);
  }

  @Test
  void anUnknownOrRepeatedKeyIsRefusedNamingIt() {
    for (String groupBy :
        List.of("colour", "dealStageID,dealStageID", "ownerID,isWon,isClosed", "")) {
      Reply reply = api.get("/opportunities/summary?groupBy=" + groupBy);
      assertThat(reply.status()).as(groupBy).isEqualTo(400);
      assertThat(reply.json().path("errors").get(0).path("field").asString()).isEqualTo("groupBy");
    }
    assertThat(api.get("/opportunities/summary?groupBy=colour").body()).contains("colour");
    Reply paged = api.get("/opportunities/summary?groupBy=ownerID&limit=5");
    assertThat(paged.status()).isEqualTo(400);
    assertThat(paged.body()).contains("limit");
    Reply unknown = api.get("/opportunities/summary?groupBy=ownerID&colour=red");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body()).contains("colour");
  }

  @Test
  void theSummaryAsCsvHoldsTheSameFigures() throws IOException {
    String query = "ownerID=" + ownerFilter + "&groupBy=dealStageID";
    JsonNode answer = summary(api, query);
    Reply csv =
        api.request("GET", "/opportunities/summary?" + query).header("Accept", "text/csv").send();
    assertThat(csv.status()).as(csv.body()).isEqualTo(200);
    List<CSVRecord> records = CSVFormat.RFC4180.parse(new StringReader(csv.body())).getRecords();
    List<String> header = records.get(0).toList();
    assertThat(header)
        .containsExactly(
            "total",
            "dealStageID",
            "currency",
            "count",
            "amount",
            "openCount",
            "openAmount",
            "weightedAmount",
            "wonCount",
            "wonAmount",
            "lostCount",
            "lostAmount",
            "winRate");
    assertThat(records).hasSize(1 + answer.path("groups").size() + answer.path("totals").size());
    Function<JsonNode, String> cell =
        v -> v == null || v.isNull() ? "" : v.isString() ? v.asString() : v.toString();
    for (int i = 0; i < answer.path("groups").size(); i++) {
      JsonNode group = answer.path("groups").get(i);
      CSVRecord record = records.get(i + 1);
      assertThat(record.get(0)).isEqualTo("false");
      assertThat(record.get(1)).isEqualTo(cell.apply(group.path("key").path("dealStageID")));
      assertThat(record.get(2)).isEqualTo(group.path("key").path("currency").asString());
      for (int c = 3; c < header.size(); c++) {
        assertThat(record.get(c)).as(header.get(c)).isEqualTo(cell.apply(group.get(header.get(c))));
      }
    }
    CSVRecord totalRecord = records.get(records.size() - 1);
    assertThat(totalRecord.get(0)).isEqualTo("true");
    assertThat(totalRecord.get(1)).isEmpty();
    assertThat(totalRecord.get(4))
        .isEqualTo(
            answer.path("totals").get(answer.path("totals").size() - 1).path("amount").toString());
    assertThat(Objects.requireNonNull(csv.header("Content-Type"))).startsWith("text/csv");
  }

  // ---- the whole pipeline, which the writes keep rolled up (V76)

  @Autowired OpportunityRollup rollup;

  /** Every opportunity there is, as the list answers it. */
  List<JsonNode> everyOpportunity() {
    List<JsonNode> all = new ArrayList<>();
    String path = "/opportunities?limit=500";
    while (true) {
      JsonNode page = api.get(path).json();
      page.path("items").forEach(all::add);
      if (page.path("nextCursor").isNull()) {
        return all;
      }
      path = "/opportunities?limit=500&cursor=" + page.path("nextCursor").asString();
    }
  }

  void assertTheWholePipeline() {
    List<JsonNode> all = everyOpportunity();
    for (List<String> keys :
        List.of(
            List.of("dealStageID"),
            List.of("pipelineID"),
            List.of("isClosed"),
            List.of("isWon"),
            List.of("pipelineID", "isWon"),
            List.of("isClosed", "dealStageID"))) {
      assertSummary(summary(api, "groupBy=" + String.join(",", keys)), keys, all);
    }
    // filters on the rollup's own columns: a pipeline's board, open deals in some currencies
    long pipeline = api.get("/dealStages/3").json().path("pipelineID").asLong();
    assertSummary(
        summary(api, "pipelineID=" + pipeline + "&groupBy=dealStageID"),
        List.of("dealStageID"),
        all.stream().filter(o -> o.path("pipelineID").asLong() == pipeline).toList());
    assertSummary(
        summary(api, "isClosed=false&currency=USD,JPY&groupBy=pipelineID"),
        List.of("pipelineID"),
        all.stream()
            .filter(o -> !o.path("isClosed").asBoolean())
            .filter(o -> List.of("USD", "JPY").contains(o.path("currency").asString()))
            .toList());
    assertSummary(
        summary(api, "dealStageID=1,4&isWon=false&groupBy=isClosed"),
        List.of("isClosed"),
        all.stream()
            .filter(o -> List.of(1L, 4L).contains(o.path("dealStageID").asLong()))
            .filter(o -> !o.path("isWon").asBoolean())
            .toList());
  }

  @Test
  void theWholePipelineAddsUpEveryOpportunityAfterWritesOfEveryKind() {
    long owner = Opportunities.uniqueOwner();
    Random random = new Random(20261204);
    long pipeline = api.get("/dealStages/3").json().path("pipelineID").asLong();
    Reply doomed =
        api.post(
            "/dealStages",
            json(
                Map.of(
                    "dealStageName",
                    "Rollup " + UUID.randomUUID(),
                    "pipelineID",
                    pipeline,
                    "weight",
                    15,
                    "defaultProbability",
                    35)));
    assertThat(doomed.status()).as(doomed.body()).isEqualTo(201);
    List<Long> ids = new ArrayList<>();
    List<Map<String, Object>> batch = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      Map<String, Object> o = Opportunities.minimal(owner);
      o.put("dealStageID", i % 3 == 0 ? doomed.id() : 1 + random.nextInt(5));
      String currency = CURRENCIES.get(random.nextInt(CURRENCIES.size()));
      o.put("currency", currency);
      if (random.nextInt(4) > 0) {
        o.put("amount", BigDecimal.valueOf(random.nextInt(10_000_000), minorUnits(currency)));
      }
      if (random.nextBoolean()) {
        o.put("probability", BigDecimal.valueOf(random.nextInt(10_001), 2));
      }
      if (i < 40) {
        ids.add(Opportunities.create(api, o));
      } else {
        batch.add(o);
      }
    }
    Reply created = api.post("/opportunities/batch", json(Map.of("items", batch)));
    assertThat(created.status()).as(created.body()).isEqualTo(200);
    created.json().path("results").forEach(item -> ids.add(item.path("id").asLong()));
    assertThat(ids).hasSize(60);
    assertTheWholePipeline();

    // merge patches: amounts, stages (probability following), currencies, outcomes
    for (int i = 0; i < 12; i++) {
      long id = ids.get(i);
      String patch =
          switch (i % 6) {
            case 0 -> "{\"amount\":%d}".formatted(1000 + i);
            case 1 -> "{\"dealStageID\":4}";
            case 2 -> "{\"currency\":\"JPY\",\"amount\":%d}".formatted(5000 + i);
            case 3 -> "{\"isClosed\":true,\"isWon\":true}";
            case 4 -> "{\"isClosed\":true,\"probability\":null}";
            default -> "{\"amount\":null,\"probability\":12.5}";
          };
      Reply patched = api.patch("/opportunities/" + id, patch);
      assertThat(patched.status()).as(patch + " " + patched.body()).isEqualTo(200);
    }
    Reply reopened =
        api.patch("/opportunities/" + ids.get(3), "{\"isClosed\":false,\"isWon\":false}");
    assertThat(reopened.status()).as(reopened.body()).isEqualTo(200);
    Reply patchedBatch =
        api.patch(
            "/opportunities/batch",
            json(
                Map.of(
                    "items",
                    List.of(
                        Map.of("id", ids.get(20), "amount", 77),
                        Map.of("id", ids.get(21), "dealStageID", 5),
                        Map.of("id", ids.get(22), "isClosed", true)))));
    assertThat(patchedBatch.status()).as(patchedBatch.body()).isEqualTo(200);
    // a replacement, and the wire protocol's writes
    Map<String, Object> replacement = Opportunities.minimal(owner);
    replacement.put("currency", "EUR");
    replacement.put("amount", new BigDecimal("321.09"));
    Reply replaced = api.put("/opportunities/" + ids.get(30), json(replacement));
    assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
    WireClient wire = WireClient.of(api, Api.ADMIN_TOKEN);
    assertThat(
            wire.call(
                    "{\"method\":\"updateOpportunities\",\"params\":{\"objects\":[{\"id\":\"%d\",\"amount\":\"99\"}]},\"id\":1}"
                        .formatted(ids.get(31)))
                .path("result")
                .path("updates")
                .get(0)
                .path("success")
                .asBoolean())
        .isTrue();
    assertThat(
            wire.call(
                    """
                    {"method":"createOpportunities","params":{"objects":[
                      {"ownerID":"%d","dealStageID":2,"opportunityName":"Wire","closeDate":"2026-11-26","amount":"12.5"}
                    ]},"id":2}"""
                        .formatted(owner))
                .path("result")
                .path("creates")
                .get(0)
                .path("success")
                .asBoolean())
        .isTrue();
    // the recycle bin: deleted, restored, purged
    for (int i = 40; i < 44; i++) {
      assertThat(api.delete("/opportunities/" + ids.get(i)).status()).isEqualTo(204);
    }
    assertThat(api.post("/opportunities/" + ids.get(40) + "/restore", "").status()).isEqualTo(200);
    assertThat(api.delete("/opportunities/deleted/" + ids.get(41)).status()).isEqualTo(204);
    // a deleted stage moves its opportunities to another
    assertThat(api.delete("/dealStages/" + doomed.id() + "?moveTo=3").status()).isEqualTo(204);
    assertTheWholePipeline();

    // folded into one row per group, the rollup answers the same
    rollup.fold();
    assertTheWholePipeline();
  }

  @Test
  void theRollupStaysExactUnderConcurrentWritesAndFolds() throws Exception {
    long owner = Opportunities.uniqueOwner();
    ExecutorService clients = Executors.newFixedThreadPool(5);
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger folds = new AtomicInteger();
    try {
      // folds while the writes run: what a fold misses (uncommitted) the next one takes
      Future<?> folder =
          clients.submit(
              () -> {
                while (writing.get()) {
                  if (rollup.fold()) {
                    folds.incrementAndGet();
                  }
                }
              });
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        Random random = new Random(w);
        writers.add(
            clients.submit(
                () -> {
                  for (int i = 0; i < 20; i++) {
                    Map<String, Object> o = Opportunities.minimal(owner);
                    o.put("dealStageID", 1 + random.nextInt(5));
                    o.put("amount", BigDecimal.valueOf(random.nextInt(1_000_000), 2));
                    long id = Opportunities.create(api, o);
                    String patch =
                        "{\"dealStageID\":%d,\"amount\":%d}"
                            .formatted(1 + random.nextInt(5), random.nextInt(10_000));
                    assertThat(api.patch("/opportunities/" + id, patch).status()).isEqualTo(200);
                    if (i % 4 == 0) {
                      assertThat(api.delete("/opportunities/" + id).status()).isEqualTo(204);
                    }
                  }
                }));
      }
      for (Future<?> writer : writers) {
        writer.get(120, TimeUnit.SECONDS);
      }
      writing.set(false);
      folder.get(30, TimeUnit.SECONDS);
    } finally {
      writing.set(false);
      clients.shutdownNow();
    }
    assertThat(folds.get()).as("folds that ran beside the writes").isPositive();
    assertTheWholePipeline();
  }
}
