package com.leadgencrm.opportunities.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.core.Caller;
import com.leadgencrm.opportunities.query.Cursor;
import com.leadgencrm.opportunities.query.ListQuery;
import com.leadgencrm.opportunities.query.PageSpec;
import com.leadgencrm.opportunities.query.SortKey;
import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.CustomFields;
import com.leadgencrm.opportunities.support.IntegrationTest;
import com.leadgencrm.opportunities.support.Plan;
import com.leadgencrm.opportunities.support.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ResolvableType;
import org.springframework.format.support.DefaultFormattingConversionService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.validation.DataBinder;

/**
 * Every filter and sort of {@code GET /opportunities}, first page and deep cursor page, is served
 * by an index: the plans of the service's own SQL on 100,000 generated rows hold no sequential
 * scan. ({@code -Dplans.rows=1000000} runs the same check on a million rows.)
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListPlanTest {

  static final long BASE = 800_000_000_000_000_000L;
  static final int ROWS = Integer.getInteger("plans.rows", 100_000);
  static final java.nio.file.Path REPORT = java.nio.file.Path.of("target", "list-plans.md");

  @Autowired OpportunityQueries service;
  @Autowired OpportunityFields fields;
  @Autowired Api api;
  final Map<String, String> customFields = new HashMap<>();
  final List<Long> fieldIds = new ArrayList<>();

  /**
   * Loading and explaining a hundred thousand rows (or a million) may take longer than requests.
   */
  final JdbcClient jdbc = TestDatabase.withoutTimeLimit();

  @BeforeAll
  void generate() {
    jdbc.sql(
            """
        insert into opportunity (id, owner_id, deal_stage_id, account_id, campaign_id, opportunity_name,
            probability, amount, is_closed, is_won, is_active, close_date, originating_lead_id, primary_lead_id,
            create_timestamp, update_timestamp)
        select :base + i, :base + (i % 1000), 1 + i % 7, case when i % 3 = 0 then null else :base + i % 5000 end,
               case when i % 2 = 0 then null else :base + i % 50 end,
               case when i % 100 = 0 then 'Acme ' else 'Deal ' end || md5(i::text),
               case when i % 4 = 0 then null else i % 101 end, case when i % 5 = 0 then null else (i * 37) % 1000000 end,
               i % 3 = 0, i % 6 = 0, i % 10 <> 0, timestamptz '2026-01-01' + (i % 730) * interval '1 day',
               case when i % 4 = 0 then :base + i else null end, case when i % 2 = 0 then :base + i else null end,
               timestamptz '2025-01-01' + i * interval '1 minute', timestamptz '2025-06-01' + i * interval '1 minute'
          from generate_series(1, :rows) i""")
        .param("base", BASE)
        .param("rows", ROWS)
        .update();
    jdbc.sql(
            """
        insert into opportunity_lead (id, opportunity_id, lead_id)
        select :base + i, :base + 1 + (i % :rows), :base + (i % 20000) + 20000 * (i / :rows)
          from generate_series(0, 2 * :rows - 1) i
        """)
        .param("base", BASE)
        .param("rows", ROWS)
        .update();
    for (String type : List.of("text", "integer", "date")) {
      Map<String, Object> field = CustomFields.definition("Plan " + type, type, 20);
      field.put("isAvailableInContactManager", false);
      field.put("isEditableInContactManager", false);
      Api.Reply created = api.post("/fields", Api.json(field));
      customFields.put(type, created.json().path("systemName").asString());
      fieldIds.add(created.id());
    }
    // a fifth of the rows carry values, as in the benchmark's data set
    jdbc.sql(
            """
            update opportunity
               set custom_fields = jsonb_build_object(:text, 'code-' || (id % 5000), :integer, id % 100000,
                   :date, to_char(date '2026-01-01' + (id % 700)::int, 'YYYY-MM-DD'))
             where id > :base and id % 5 = 0""")
        .param("text", customFields.get("text"))
        .param("integer", customFields.get("integer"))
        .param("date", customFields.get("date"))
        .param("base", BASE)
        .update();
    jdbc.sql("analyze opportunity").update();
    jdbc.sql("analyze opportunity_lead").update();
    report(
        "| filters | sort | first page: indexes | ms | deep page: indexes | ms |\n|---|---|---|---|---|---|\n",
        false);
  }

  @AfterAll
  void remove() {
    fieldIds.forEach(id -> api.delete("/fields/" + id));
    jdbc.sql("delete from opportunity where id > :base").param("base", BASE).update();
    jdbc.sql("analyze opportunity").update();
  }

  @ParameterizedTest(name = "{0} sort={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "                                               | id",
        "                                               | id,desc",
        "ownerID=800000000000000007                     | id",
        "ownerID=800000000000000007,800000000000000008 | id",
        "ownerID=800000000000000007&isClosed=false     | id",
        "dealStageID=3                                  | id",
        "accountID=800000000000000042                   | id",
        "campaignID=800000000000000003                  | id",
        "originatingLeadID=800000000000000400           | id",
        "primaryLeadID=800000000000000400               | id",
        "leadID=800000000000000123                      | id",
        "isWon=true                                     | id",
        "isActive=false&isClosed=true                   | id",
        "closeDateFrom=2026-03-01&closeDateTo=2026-03-31 | amount,desc",
        "closeDateFrom=2026-03-01&closeDateTo=2026-03-31 | closeDate",
        "amountFrom=1000&amountTo=2000                  | amount",
        "createTimestampFrom=2025-02-01                 | createTimestamp",
        "updateTimestampFrom=2025-07-01                 | updateTimestamp",
        "q=acme                                         | id",
        "q=cme                                          | id",
        "q=cme                                          | amount,desc",
        "q=100%                                         | id",
        "                                               | opportunityName",
        "                                               | amount,desc",
        "                                               | probability",
        "                                               | closeDate,desc",
        "                                               | createTimestamp",
        "                                               | updateTimestamp,desc"
      })
  void firstAndDeepPagesUseIndexes(String filters, String sort) {
    OpportunityListParams params = params(filters);
    String[] sortParts = sort.split(",");
    SortKey key =
        OpportunityQueries.SORT_KEYS.stream()
            .filter(k -> k.property().equals(sortParts[0]))
            .findFirst()
            .orElseThrow();
    boolean desc = sortParts.length > 1 && sortParts[1].equals("desc");

    PageSpec first = new PageSpec(key, desc, 100, null, "");
    ListQuery.Prepared firstPage =
        Caller.runAsSystem(() -> service.query(params, Map.of(), definitions()))
            .prepare(OpportunityRows.COLUMNS, "opportunity", first);
    String line =
        "| " + (filters == null ? "" : filters) + " | " + sort + " | " + assertIndexOnly(firstPage);

    Map<String, Object> position = deepPosition(firstPage);
    if (position != null) {
      Cursor cursor =
          new Cursor(
              key.property(), desc, text(position.get("sort_key")), (Long) position.get("id"), "");
      PageSpec deep = new PageSpec(key, desc, 100, cursor, "");
      line +=
          assertIndexOnly(
              Caller.runAsSystem(() -> service.query(params, Map.of(), definitions()))
                  .prepare(OpportunityRows.COLUMNS, "opportunity", deep));
    } else {
      line += "(fewer than 200 rows) | |";
    }
    report(line + "\n", true);
  }

  static void report(String text, boolean append) {
    try {
      Files.createDirectories(REPORT.getParent());
      if (append) {
        Files.writeString(REPORT, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } else {
        Files.writeString(REPORT, text);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @org.junit.jupiter.api.Test
  void customFieldFiltersUseTheirIndexes() {
    String text = customFields.get("text");
    String integer = customFields.get("integer");
    String date = customFields.get("date");
    Map<String, String> scenarios = new java.util.LinkedHashMap<>();
    scenarios.put(text + "=code-1234", "opportunity_custom_fields_idx");
    scenarios.put(integer + "=4321", "opportunity_custom_fields_idx");
    scenarios.put(integer + "From=1000&" + integer + "To=1200", "opportunity_cf_");
    scenarios.put(date + "From=2026-03-01&" + date + "To=2026-03-02", "opportunity_cf_");
    CustomFieldDefinitions definitions = definitions();
    scenarios.forEach(
        (query, index) -> {
          Map<String, String> parameters = new java.util.LinkedHashMap<>();
          for (String pair : query.split("&")) {
            parameters.put(pair.split("=")[0], pair.split("=")[1]);
          }
          ListQuery list =
              Caller.runAsSystem(() -> service.query(params(null), parameters, definitions));
          SortKey id = OpportunityQueries.SORT_KEYS.get(0);
          String line =
              assertIndexOnly(
                  list.prepare(
                      OpportunityRows.COLUMNS,
                      "opportunity",
                      new PageSpec(id, false, 100, null, "")));
          assertThat(line).as(query).contains(index);
          report("| " + query + " | id | " + line + " | |\n", true);
        });
  }

  CustomFieldDefinitions definitions() {
    return Caller.runAsSystem(fields::definitions);
  }

  /** The row 90% of the way through the whole result: where a deep page would start. */
  Map<String, Object> deepPosition(ListQuery.Prepared page) {
    String all = page.sql().replaceFirst(" limit \\d+$", "");
    long count =
        jdbc.sql("select count(*) from (" + all + ") q")
            .params(page.params())
            .query(Long.class)
            .single();
    if (count < 200) {
      return null;
    }
    return jdbc.sql(all + " offset " + (count * 9 / 10) + " limit 1")
        .params(page.params())
        .query()
        .singleRow();
  }

  /** Runs the page with EXPLAIN ANALYZE; returns "indexes | milliseconds | " for the report. */
  String assertIndexOnly(ListQuery.Prepared page) {
    String plan =
        jdbc.sql("explain (analyze, format json) " + page.sql())
            .params(page.params())
            .query(String.class)
            .single();
    Plan read = Plan.of(plan);
    // deal stages are a handful of rows (one page): reading them whole, for the pipelineID of
    // each row, is the cheapest plan; every other table is read through an index
    assertThat(read.wholeTables()).as(page.sql() + "\n" + plan).allMatch("deal_stage"::equals);
    assertThat(plan).contains("Index");
    return String.join(", ", read.indexes()) + " | " + read.executionMillis() + " | ";
  }

  static String text(Object sortKey) {
    return sortKey instanceof java.sql.Timestamp timestamp
        ? timestamp.toInstant().toString()
        : sortKey instanceof OffsetDateTime time
            ? time.toInstant().toString()
            : sortKey instanceof java.math.BigDecimal decimal
                ? decimal.toPlainString()
                : String.valueOf(sortKey);
  }

  /** Binds a query string the way the controller does. */
  static OpportunityListParams params(String query) {
    Map<String, String> values = new HashMap<>();
    if (query != null && !query.isBlank()) {
      for (String pair : query.trim().split("&")) {
        String[] nameValue = pair.split("=", 2);
        values.put(nameValue[0], nameValue[1]);
      }
    }
    DefaultFormattingConversionService conversions = new DefaultFormattingConversionService();
    conversions.addConverter(
        String.class,
        java.time.Instant.class,
        text -> {
          try {
            return com.leadgencrm.opportunities.core.Values.instant(text);
          } catch (com.leadgencrm.opportunities.core.Values.TypeMismatch e) {
            throw new IllegalArgumentException(e);
          }
        });
    DataBinder binder = new DataBinder(null, "params");
    binder.setTargetType(ResolvableType.forClass(OpportunityListParams.class));
    binder.setConversionService(conversions);
    binder.construct(
        new DataBinder.ValueResolver() {
          @Override
          public Object resolveValue(String name, Class<?> type) {
            return values.get(name);
          }

          @Override
          public Set<String> getNames() {
            return values.keySet();
          }
        });
    assertThat(binder.getBindingResult().hasErrors())
        .as(binder.getBindingResult().toString())
        .isFalse();
    return (OpportunityListParams) binder.getTarget();
  }
}
