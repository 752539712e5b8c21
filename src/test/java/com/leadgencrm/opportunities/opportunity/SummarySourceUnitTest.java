package com.leadgencrm.opportunities.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadgencrm.opportunities.opportunity.OpportunitySummaries.Source;
import com.leadgencrm.opportunities.query.ListQuery;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which summaries the pipeline's rollup answers: keys and filters on its own columns only
 * (pipeline, stage, currency, outcome); anything else reads the opportunities.
 */
class SummarySourceUnitTest {

  static SummaryKeys.Key key(String name, String column) {
    return new SummaryKeys.Key(name, column, SummaryKeys.Type.LONG, List.of("%1$s"));
  }

  static final SummaryKeys.Key STAGE = key("dealStageID", "deal_stage_id");
  static final SummaryKeys.Key WON = key("isWon", "is_won");
  static final SummaryKeys.Key OWNER = key("ownerID", "owner_id");
  static final SummaryKeys.Key MONTH = key("closeMonth", "date_trunc('month', close_date, 'UTC')");

  @Test
  void theWholePipelineByItsOwnColumnsIsRolledUp() {
    assertThat(Source.ROLLUP.serves(List.of(STAGE), new ListQuery())).isTrue();
    assertThat(Source.ROLLUP.serves(List.of(STAGE, WON), new ListQuery())).isTrue();
  }

  @Test
  void filtersOnTheRollupsColumnsAreRolledUp() {
    ListQuery board =
        new ListQuery()
            .where("deal_stage_id in (select 1)", Map.of(), "deal_stage_id")
            .anyOf("currency", List.of("EUR", "USD"))
            .equal("is_closed", false)
            .equal("is_won", false)
            .anyOf("deal_stage_id", List.of(1L, 2L));
    assertThat(Source.ROLLUP.serves(List.of(STAGE), board)).isTrue();
  }

  @Test
  void otherKeysOrFiltersReadTheOpportunities() {
    assertThat(Source.ROLLUP.serves(List.of(OWNER), new ListQuery())).isFalse();
    assertThat(Source.ROLLUP.serves(List.of(STAGE, MONTH), new ListQuery())).isFalse();
    // a salesperson's scope is a filter on the owner
    assertThat(Source.ROLLUP.serves(List.of(STAGE), new ListQuery().equal("owner_id", 7L)))
        .isFalse();
    assertThat(
            Source.ROLLUP.serves(
                List.of(STAGE), new ListQuery().atLeast("close_date", Instant.EPOCH)))
        .isFalse();
    assertThat(
            Source.ROLLUP.serves(
                List.of(STAGE), new ListQuery().atLeast("coalesce(amount, -1)", 100)))
        .isFalse();
    // a condition given as text, a custom field's say, reads anything
    assertThat(
            Source.ROLLUP.serves(
                List.of(STAGE), new ListQuery().where("custom_fields @> '{}'", Map.of())))
        .isFalse();
  }

  @Test
  void theOpportunitiesServeAnyKeyAndFilter() {
    assertThat(
            Source.ROWS.serves(
                List.of(OWNER, MONTH), new ListQuery().where("custom_fields @> '{}'", Map.of())))
        .isTrue();
  }
}
