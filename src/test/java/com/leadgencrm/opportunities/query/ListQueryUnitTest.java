package com.leadgencrm.opportunities.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leadgencrm.opportunities.core.InvalidField;
import com.leadgencrm.opportunities.core.InvalidInput;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SQL of a list page and its parameters, as built for PostgreSQL. */
class ListQueryUnitTest {

  static final SortKey WEIGHT = new SortKey("weight", "weight", SortKey.Type.LONG);
  static final SortKey CREATED =
      new SortKey("createTimestamp", "create_timestamp", SortKey.Type.INSTANT);

  static PageSpec firstPage(SortKey key, boolean desc, int limit) {
    return new PageSpec(key, desc, limit, null, "0");
  }

  @Test
  void withoutFiltersThereIsNoWhereAndOneRowMoreThanThePage() {
    ListQuery.Prepared query =
        new ListQuery().prepare("id, deal_stage_name", "deal_stage", firstPage(WEIGHT, false, 100));
    assertThat(query.sql())
        .isEqualTo(
            "select id, deal_stage_name, weight as sort_key from deal_stage"
                + " order by weight asc, id asc limit 101");
    assertThat(query.params()).isEmpty();
  }

  @Test
  void filtersAreCombinedWithAndEachValueABoundParameter() {
    ListQuery.Prepared query =
        new ListQuery()
            .anyOf("id", List.of(1L, 2L))
            .equal("is_editable", true)
            .contains("deal_stage_name", "Demo")
            .atLeast("create_timestamp", Instant.parse("2026-01-01T00:00:00Z"))
            .atMost("default_probability", new BigDecimal("50"))
            .prepare("id", "deal_stage", firstPage(WEIGHT, true, 20));
    assertThat(query.sql())
        .isEqualTo(
            "select id, weight as sort_key from deal_stage where id in (:p0) and is_editable = :p1"
                + " and deal_stage_name ilike :p2 and create_timestamp >= :p3"
                + " and default_probability <= :p4 order by weight desc, id desc limit 21");
    assertThat(query.params())
        .isEqualTo(
            Map.of(
                "p0",
                List.of(1L, 2L),
                "p1",
                true,
                "p2",
                "%Demo%",
                "p3",
                OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                "p4",
                new BigDecimal("50")));
  }

  @Test
  void absentFiltersAddNoCondition() {
    ListQuery.Prepared query =
        new ListQuery()
            .anyOf("id", null)
            .anyOf("id", List.of())
            .equal("is_editable", null)
            .contains("deal_stage_name", null)
            .contains("deal_stage_name", "")
            .atLeast("weight", null)
            .atMost("weight", null)
            .prepare("id", "deal_stage", firstPage(WEIGHT, false, 1));
    assertThat(query.sql())
        .isEqualTo(
            "select id, weight as sort_key from deal_stage order by weight asc, id asc limit 2");
  }

  @Test
  void likeWildcardsInASearchMatchThemselves() {
    ListQuery.Prepared query =
        new ListQuery()
            .contains("opportunity_name", "50%_off\\")
            .prepare("id", "opportunity", firstPage(SortKey.id(), false, 10));
    assertThat(query.params()).isEqualTo(Map.of("p0", "%50\\%\\_off\\\\%"));
  }

  @Test
  void aCursorContinuesAfterItsRowWithAKeysetInTheSortsDirection() {
    PageSpec ascending =
        new PageSpec(WEIGHT, false, 10, new Cursor("weight", false, "3", 8, "0"), "0");
    ListQuery.Prepared after =
        new ListQuery().equal("is_editable", true).prepare("id", "deal_stage", ascending);
    assertThat(after.sql())
        .isEqualTo(
            "select id, weight as sort_key from deal_stage where is_editable = :p0"
                + " and (weight, id) > (:p1, :p2) order by weight asc, id asc limit 11");
    assertThat(after.params()).isEqualTo(Map.of("p0", true, "p1", 3L, "p2", 8L));

    PageSpec descending =
        new PageSpec(
            CREATED,
            true,
            10,
            new Cursor("createTimestamp", true, "2026-03-01T09:30:00.123456Z", 8, "0"),
            "0");
    ListQuery.Prepared before = new ListQuery().prepare("id", "deal_stage", descending);
    assertThat(before.sql())
        .isEqualTo(
            "select id, create_timestamp as sort_key from deal_stage"
                + " where (create_timestamp, id) < (:p0, :p1)"
                + " order by create_timestamp desc, id desc limit 11");
    assertThat(before.params())
        .isEqualTo(
            Map.of(
                "p0",
                OffsetDateTime.of(2026, 3, 1, 9, 30, 0, 123_456_000, ZoneOffset.UTC),
                "p1",
                8L));
  }

  @Test
  void aCursorWhoseValueDoesNotFitItsKeyIsRefused() {
    PageSpec page = new PageSpec(WEIGHT, false, 10, new Cursor("weight", false, "x", 8, "0"), "0");
    assertThatThrownBy(() -> new ListQuery().prepare("id", "deal_stage", page))
        .isInstanceOfSatisfying(
            InvalidInput.class,
            refused ->
                assertThat(refused.errors())
                    .containsExactly(
                        new InvalidField("cursor", "is not a cursor issued by this service")));
  }

  @Test
  void changedWithinIsARangeOfCreateOrUpdateTimestamps() {
    Instant from = Instant.parse("2026-01-01T00:00:00Z");
    Instant to = Instant.parse("2026-01-31T23:59:59Z");
    assertThat(
            new ListQuery()
                .changedWithin(false, from, to)
                .prepare("id", "field", firstPage(SortKey.id(), false, 5))
                .sql())
        .isEqualTo(
            "select id, id as sort_key from field where update_timestamp >= :p0"
                + " and update_timestamp <= :p1 order by id asc, id asc limit 6");
  }

  @Test
  void anyConditionBindsItsOwnNamedParameters() {
    ListQuery.Prepared query =
        new ListQuery()
            .where("owner_id = :owner", Map.of("owner", 7L))
            .equal("is_closed", false)
            .prepare("id", "opportunity", firstPage(SortKey.id(), false, 5));
    assertThat(query.sql())
        .isEqualTo(
            "select id, id as sort_key from opportunity where owner_id = :owner"
                + " and is_closed = :p1 order by id asc, id asc limit 6");
    assertThat(query.params()).isEqualTo(Map.of("owner", 7L, "p1", false));
  }

  static final Map<String, Column> COLUMNS =
      Column.columns(
          "ownerID:owner_id:LONG",
          "amount:amount:DECIMAL",
          "opportunityName:opportunity_name:TEXT",
          "isClosed:is_closed:BOOLEAN",
          "closeDate:close_date:INSTANT");

  @Test
  void theWireProtocolsWhereIsEqualitiesReadAsEachColumnsType() {
    Map<String, String> where = new LinkedHashMap<>();
    where.put("ownerID", " 7 ");
    where.put("amount", "12.50");
    where.put("opportunityName", " Acme ");
    where.put("isClosed", "1");
    where.put("closeDate", "2026-12-31");
    ListQuery.Prepared query =
        new ListQuery()
            .equalities(where, COLUMNS)
            .prepare("id", "opportunity", firstPage(SortKey.id(), false, 5));
    assertThat(query.sql())
        .isEqualTo(
            "select id, id as sort_key from opportunity where owner_id = :p0 and amount = :p1"
                + " and opportunity_name = :p2 and is_closed = :p3 and close_date = :p4"
                + " order by id asc, id asc limit 6");
    assertThat(query.params())
        .isEqualTo(
            Map.of(
                "p0",
                7L,
                "p1",
                new BigDecimal("12.50"),
                "p2",
                " Acme ",
                "p3",
                true,
                "p4",
                OffsetDateTime.of(2026, 12, 31, 0, 0, 0, 0, ZoneOffset.UTC)));
  }

  @Test
  void flagsInAWhereAreOneZeroTrueOrFalse() {
    for (String text : List.of("1", "true", "TRUE", " True ")) {
      assertThat(
              new ListQuery()
                  .equalities(Map.of("isClosed", text), COLUMNS)
                  .prepare("id", "opportunity", firstPage(SortKey.id(), false, 5))
                  .params())
          .as(text)
          .isEqualTo(Map.of("p0", true));
    }
    assertThat(
            new ListQuery()
                .equalities(Map.of("isClosed", "0"), COLUMNS)
                .prepare("id", "opportunity", firstPage(SortKey.id(), false, 5))
                .params())
        .isEqualTo(Map.of("p0", false));
  }

  @Test
  void everyPropertyAWhereCannotUseIsRefusedAtOnce() {
    Map<String, String> where = new LinkedHashMap<>();
    where.put("colour", "red");
    where.put("ownerID", "seven");
    where.put("isClosed", "yes");
    where.put("amount", "1,5");
    where.put("closeDate", "soon");
    assertThatThrownBy(() -> new ListQuery().equalities(where, COLUMNS))
        .isInstanceOfSatisfying(
            InvalidInput.class,
            refused ->
                assertThat(refused.errors())
                    .containsExactly(
                        new InvalidField("colour", "is not a field that can be filtered on"),
                        new InvalidField("ownerID", "must be an integer"),
                        new InvalidField("isClosed", "must be a boolean: 1, 0, true or false"),
                        new InvalidField("amount", "must be a number"),
                        new InvalidField(
                            "closeDate",
                            "must be a date-time such as 2026-12-31 17:00:00, or a date")));
  }
}
