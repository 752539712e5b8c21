package com.leadgencrm.opportunities.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.core.InvalidField;
import com.leadgencrm.opportunities.core.InvalidInput;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** Reading sort, limit and cursor: the page a list request asks for. */
class PageSpecUnitTest {

  static final Cursors CURSORS = new Cursors(() -> new byte[32]);

  static final SortKey WEIGHT = new SortKey("weight", "weight", SortKey.Type.LONG);
  static final SortKey NAME = new SortKey("dealStageName", "deal_stage_name", SortKey.Type.TEXT);
  static final List<SortKey> KEYS = List.of(WEIGHT, SortKey.id(), NAME);

  static MultiValueMap<String, String> query(String... pairs) {
    MultiValueMap<String, String> query = new LinkedMultiValueMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      query.add(pairs[i], pairs[i + 1]);
    }
    return query;
  }

  static PageSpec of(
      @Nullable String sort,
      @Nullable Integer limit,
      @Nullable String cursor,
      MultiValueMap<String, String> query) {
    return CURSORS.page(sort, limit, cursor, KEYS, query);
  }

  static InvalidField refusal(Runnable read) {
    try {
      read.run();
    } catch (InvalidInput refused) {
      assertThat(refused.errors()).hasSize(1);
      return refused.errors().get(0);
    }
    throw new AssertionError("not refused");
  }

  @Test
  void withoutParametersThePageIsTheFirst100InTheFirstKeysAscendingOrder() {
    PageSpec page = of(null, null, null, query());
    assertThat(page.key()).isEqualTo(WEIGHT);
    assertThat(page.desc()).isFalse();
    assertThat(page.limit()).isEqualTo(100);
    assertThat(page.after()).isNull();
  }

  @Test
  void sortNamesAKeyAndOptionallyADirection() {
    assertThat(of("dealStageName", null, null, query()).key()).isEqualTo(NAME);
    assertThat(of("dealStageName,desc", null, null, query()).desc()).isTrue();
    assertThat(of("id,asc", 500, null, query()).desc()).isFalse();
    assertThat(of("", null, null, query()).key()).isEqualTo(WEIGHT);
  }

  @Test
  void anUnknownSortOrDirectionIsRefusedNamingTheKeys() {
    InvalidField expected =
        new InvalidField(
            "sort",
            "must be one of weight, id, dealStageName, optionally followed by ,asc or ,desc");
    assertThat(refusal(() -> of("colour", null, null, query()))).isEqualTo(expected);
    assertThat(refusal(() -> of("weight,down", null, null, query()))).isEqualTo(expected);
    assertThat(refusal(() -> of("weight,asc,desc", null, null, query()))).isEqualTo(expected);
  }

  @Test
  void theLimitIsFrom1To500() {
    InvalidField expected = new InvalidField("limit", "must be between 1 and 500");
    assertThat(refusal(() -> of(null, 0, null, query()))).isEqualTo(expected);
    assertThat(refusal(() -> of(null, 501, null, query()))).isEqualTo(expected);
    assertThat(of(null, 1, null, query()).limit()).isEqualTo(1);
  }

  @Test
  void theFiltersFingerprintLeavesOutThePagingParameters() {
    String filters = of(null, null, null, query("ownerID", "7")).filters();
    assertThat(of(null, null, null, query("ownerID", "7", "sort", "id", "limit", "5")).filters())
        .isEqualTo(filters);
    assertThat(of(null, null, null, query("ownerID", "8")).filters()).isNotEqualTo(filters);
    assertThat(of(null, null, null, query()).filters()).isNotEqualTo(filters);
  }

  @Test
  void aCursorContinuesItsSortAfterItsRow() {
    String filters = of(null, null, null, query("q", "demo")).filters();
    String cursor = CURSORS.encode(new Cursor("dealStageName", true, "Demo", 8, filters));
    PageSpec next = of(null, 20, cursor, query("q", "demo", "cursor", cursor));
    assertThat(next.key()).isEqualTo(NAME);
    assertThat(next.desc()).isTrue();
    assertThat(next.limit()).isEqualTo(20);
    assertThat(next.after()).isEqualTo(new Cursor("dealStageName", true, "Demo", 8, filters));
    assertThat(of("dealStageName,desc", null, cursor, query("q", "demo")).after()).isNotNull();
  }

  @Test
  void aCursorOfAnotherQueryIsRefused() {
    String filters = of(null, null, null, query("q", "demo")).filters();
    String cursor = CURSORS.encode(new Cursor("dealStageName", false, "Demo", 8, filters));
    assertThat(refusal(() -> of(null, null, cursor, query("q", "other"))))
        .isEqualTo(
            new InvalidField(
                "cursor", "belongs to another query; repeat the filters of the first page"));
    String unknownKey = CURSORS.encode(new Cursor("colour", false, "red", 8, filters));
    assertThat(refusal(() -> of(null, null, unknownKey, query("q", "demo"))).field())
        .isEqualTo("cursor");
    assertThat(refusal(() -> of("weight", null, cursor, query("q", "demo"))))
        .isEqualTo(new InvalidField("sort", "must be the sort of the first page, or left out"));
    assertThat(of("dealStageName", null, cursor, query("q", "demo")).key()).isEqualTo(NAME);
    assertThat(of("dealStageName,asc", null, cursor, query("q", "demo")).key()).isEqualTo(NAME);
  }
}
