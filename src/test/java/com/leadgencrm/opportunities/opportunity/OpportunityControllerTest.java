package com.leadgencrm.opportunities.opportunity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import com.leadgencrm.opportunities.core.AtomicBatchRefused;
import com.leadgencrm.opportunities.core.InvalidInput;
import com.leadgencrm.opportunities.core.ItemOutcome;
import com.leadgencrm.opportunities.core.NotFound;
import com.leadgencrm.opportunities.core.ServerSecrets;
import com.leadgencrm.opportunities.limits.LimitsProperties;
import jakarta.servlet.Filter;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * How the REST adapter answers batches and lead associations, with the services mocked: one result
 * per item in input order, an atomic batch's refusal with every item's outcome, and 201 with
 * Location only for a new association. The slice is set up as {@code DealStageControllerTest}'s (no
 * servlet filters: the security chains are the full application's contract).
 */
@WebMvcTest(
    controllers = OpportunityController.class,
    includeFilters =
        @ComponentScan.Filter(
            type = FilterType.REGEX,
            pattern =
                "com\\.leadgencrm\\.opportunities\\.(json\\.JsonConfiguration|query\\.Cursors|web\\.CsvOutput)"),
    excludeFilters =
        @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = Filter.class))
@AutoConfigureMockMvc(addFilters = false)
@EnableConfigurationProperties(LimitsProperties.class)
class OpportunityControllerTest {

  static final Instant CREATED = Instant.parse("2026-03-01T09:30:00Z");

  @Autowired MockMvcTester mvc;
  @MockitoBean ServerSecrets secrets;

  @BeforeEach
  void cursorsAreSignedWithATestSecret() {
    given(secrets.get("cursor")).willReturn(new byte[32]);
  }

  @MockitoBean OpportunityQueries queries;
  @MockitoBean OpportunityService opportunities;
  @MockitoBean OpportunityBatches batches;
  @MockitoBean OpportunityBatchUpserts upserts;
  @MockitoBean OpportunityLeadService leads;

  @Test
  void aBatchAnswers200WithEachItemsOutcomeInInputOrder() {
    given(batches.create(any(), eq(false)))
        .willReturn(
            List.of(
                new ItemOutcome.Applied(0, 3, true),
                new ItemOutcome.Refused(1, new InvalidInput("closeDate", "is required")),
                new ItemOutcome.Applied(2, 4, true)));
    assertThat(
            mvc.post()
                .uri("/opportunities/batch")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"items\":[{},{},{}]}"))
        .hasStatusOk()
        .bodyJson()
        .isStrictlyEqualTo(
            """
            {"results":[{"index":0,"status":201,"id":3},\
            {"index":1,"status":400,"problem":{"detail":"Invalid 'closeDate': is required","status":400,\
            "title":"Bad Request","errors":[{"field":"closeDate","message":"is required"}]}},\
            {"index":2,"status":201,"id":4}]}""");
  }

  @Test
  void aRefusedAtomicBatchAnswersItsFirstRefusedItemsStatusWithEveryOutcome() {
    given(batches.create(any(), eq(true)))
        .willThrow(
            new AtomicBatchRefused(
                Arrays.asList(null, new ItemOutcome.Refused(1, new NotFound("Opportunity", 9)))));
    assertThat(
            mvc.post()
                .uri("/opportunities/batch?atomic=true")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"items\":[{},{}]}"))
        .hasStatus(HttpStatus.NOT_FOUND)
        .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
        .bodyJson()
        .isStrictlyEqualTo(
            """
            {"detail":"The atomic batch was not applied: 1 items failed","instance":"/opportunities/batch",\
            "status":404,"title":"Not Found","results":[\
            {"index":0,"status":424,"problem":{"detail":"Not applied: another item of this atomic batch failed",\
            "status":424,"title":"Failed Dependency"}},\
            {"index":1,"status":404,"problem":{"detail":"Opportunity 9 does not exist","status":404,\
            "title":"Not Found"}}]}""");
  }

  @Test
  void aBatchPatchNamesEachItemsIdApartFromItsChanges() {
    given(batches.patch(any(), anyBoolean()))
        .willReturn(List.of(new ItemOutcome.Applied(0, 7, false)));
    assertThat(
            mvc.patch()
                .uri("/opportunities/batch")
                .contentType("application/merge-patch+json")
                .content("{\"items\":[{\"id\":7,\"amount\":10},{\"amount\":2}]}"))
        .hasStatusOk()
        .bodyJson()
        .isStrictlyEqualTo("{\"results\":[{\"index\":0,\"status\":200,\"id\":7}]}");
    @SuppressWarnings("unchecked")
    ArgumentCaptor<List<OpportunityBatches.Change>> changes = ArgumentCaptor.forClass(List.class);
    verify(batches).patch(changes.capture(), eq(false));
    assertThat(changes.getValue())
        .extracting(OpportunityBatches.Change::id)
        .containsExactly(7L, null);
    assertThat(changes.getValue().get(0).patch().names("id")).isFalse();
    assertThat(changes.getValue().get(0).patch().errors()).isEmpty();
  }

  @Test
  void aBatchThatIsNotAnEnvelopeOfItemsIs400() {
    assertThat(
            mvc.post()
                .uri("/opportunities/batch")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"items\":[]}"))
        .hasStatus(HttpStatus.BAD_REQUEST)
        .bodyJson()
        .isStrictlyEqualTo(
            """
            {"detail":"Invalid 'items': must hold 1 to 500 items, not 0","instance":"/opportunities/batch",\
            "status":400,"title":"Bad Request","errors":[{"field":"items","message":"must hold 1 to 500 items, not 0"}]}""");
    verifyNoInteractions(batches);
  }

  @Test
  void aNewAssociationIs201WithLocation() {
    given(leads.associate(1051, 43))
        .willReturn(
            new OpportunityLeadService.Association(
                new OpportunityLeadView(3301, 1051, 43, CREATED, CREATED), true));
    assertThat(mvc.put().uri("/opportunities/1051/leads/43"))
        .hasStatus(HttpStatus.CREATED)
        .hasHeader("Location", "/opportunityLeads/3301")
        .hasHeader("ETag", "\"1\"")
        .bodyJson()
        .isStrictlyEqualTo(
            """
            {"id":3301,"opportunityID":1051,"leadID":43,"createTimestamp":"2026-03-01T09:30:00Z",\
            "updateTimestamp":"2026-03-01T09:30:00Z"}""");
  }

  @Test
  void anExistingAssociationIs200WithoutLocation() {
    given(leads.associate(1051, 43))
        .willReturn(
            new OpportunityLeadService.Association(
                new OpportunityLeadView(3301, 1051, 43, CREATED, CREATED), false));
    assertThat(mvc.put().uri("/opportunities/1051/leads/43"))
        .hasStatusOk()
        .doesNotContainHeader("Location")
        .hasHeader("ETag", "\"1\"");
  }
}
