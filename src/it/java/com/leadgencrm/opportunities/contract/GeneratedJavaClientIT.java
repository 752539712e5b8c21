package com.leadgencrm.opportunities.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.leadgencrm.client.ApiClient;
import com.leadgencrm.client.ApiException;
import com.leadgencrm.client.ApiResponse;
import com.leadgencrm.client.api.ApiKeysApi;
import com.leadgencrm.client.api.DealStagesApi;
import com.leadgencrm.client.api.FieldsApi;
import com.leadgencrm.client.api.OpportunitiesApi;
import com.leadgencrm.client.api.OpportunityLeadsApi;
import com.leadgencrm.client.api.PipelinesApi;
import com.leadgencrm.client.model.ApiKey;
import com.leadgencrm.client.model.ApiKeyInput;
import com.leadgencrm.client.model.BatchItemResult;
import com.leadgencrm.client.model.BatchResults;
import com.leadgencrm.client.model.CreatedApiKey;
import com.leadgencrm.client.model.DealStage;
import com.leadgencrm.client.model.DealStageInput;
import com.leadgencrm.client.model.DealStagePatch;
import com.leadgencrm.client.model.Field;
import com.leadgencrm.client.model.FieldInput;
import com.leadgencrm.client.model.FieldPatch;
import com.leadgencrm.client.model.Opportunity;
import com.leadgencrm.client.model.OpportunityBatch;
import com.leadgencrm.client.model.OpportunityInput;
import com.leadgencrm.client.model.OpportunityLead;
import com.leadgencrm.client.model.OpportunityLeadBatch;
import com.leadgencrm.client.model.OpportunityLeadInput;
import com.leadgencrm.client.model.OpportunityPatch;
import com.leadgencrm.client.model.OpportunityPatchBatch;
import com.leadgencrm.client.model.OpportunityPatchItem;
import com.leadgencrm.client.model.PageOpportunity;
import com.leadgencrm.client.model.Pipeline;
import com.leadgencrm.client.model.PipelineInput;
import com.leadgencrm.client.model.PipelinePatch;
import com.leadgencrm.client.model.Problem;
import com.leadgencrm.opportunities.support.Api;
import com.leadgencrm.opportunities.support.ContractFields;
import com.leadgencrm.opportunities.support.IntegrationTest;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Java client an integrator generates from the service's document (openapi-generator {@code
 * java}, library {@code native}) performs every REST operation of the service: what the document
 * says is what the service does.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedJavaClientIT {

  @Autowired Api api;

  ApiClient client;
  OpportunitiesApi opportunities;
  OpportunityLeadsApi leads;
  DealStagesApi stages;
  PipelinesApi pipelines;
  FieldsApi fields;
  ApiKeysApi keys;

  @BeforeAll
  void generatedClient() {
    ContractFields.ensure(api);
    URI base = URI.create(api.baseUrl());
    client =
        new ApiClient()
            .setScheme(base.getScheme())
            .setHost(base.getHost())
            .setPort(base.getPort())
            .setBasePath("")
            .setRequestInterceptor(
                request -> request.header("Authorization", "Bearer " + Api.ADMIN_TOKEN));
    opportunities = new OpportunitiesApi(client);
    leads = new OpportunityLeadsApi(client);
    stages = new DealStagesApi(client);
    pipelines = new PipelinesApi(client);
    fields = new FieldsApi(client);
    keys = new ApiKeysApi(client);
  }

  static long owner() {
    return ThreadLocalRandom.current().nextLong(1_000_000_000L, 900_000_000_000_000_000L);
  }

  static OpportunityInput opportunity(long owner, String name) {
    return new OpportunityInput()
        .ownerID(owner)
        .dealStageID(2L)
        .opportunityName(name)
        .closeDate("2026-12-31");
  }

  PageOpportunity list(List<Long> owners, Integer limit, String cursor) throws ApiException {
    return opportunities.listOpportunities(
        null, owners, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, "id", limit, cursor);
  }

  static java.util.Optional<String> header(ApiResponse<?> response, String name) {
    return response.getHeaders().entrySet().stream()
        .filter(header -> header.getKey().equalsIgnoreCase(name))
        .map(header -> header.getValue().get(0))
        .findFirst();
  }

  /** The problem document of a refused call, as the generated Problem model reads it. */
  Problem problem(ApiException refusal) throws Exception {
    return client.getObjectMapper().readValue(refusal.getResponseBody(), Problem.class);
  }

  @Test
  void createsWithCustomFieldsReadsConditionallyPatchesWithNullsAndDeletes() throws Exception {
    OpportunityInput input =
        opportunity(owner(), "Acme Corp - 500 seats")
            .amount(new BigDecimal("125000.50"))
            .contractType("Annual")
            .seats(500L)
            .discountRate(new BigDecimal("12.5"))
            .isStrategic(true)
            .renewalDate(LocalDate.of(2027, 12, 31))
            .signedAt(OffsetDateTime.of(2026, 11, 28, 9, 30, 0, 0, ZoneOffset.UTC))
            .buyerEmail("buyer@example.com")
            .dealUrl(URI.create("https://example.com/deals/1"))
            .buyerPhone("+1 555 0100");

    ApiResponse<Opportunity> created = opportunities.createOpportunityWithHttpInfo(input, null);
    assertThat(created.getStatusCode()).isEqualTo(201);
    Opportunity opportunity = created.getData();
    long id = opportunity.getId();
    assertThat(header(created, "Location")).hasValue("/opportunities/" + id);
    assertThat(opportunity.getContractType()).isEqualTo("Annual");
    assertThat(opportunity.getSeats()).isEqualTo(500L);
    assertThat(opportunity.getDiscountRate()).isEqualByComparingTo("12.5");
    assertThat(opportunity.getIsStrategic()).isTrue();
    assertThat(opportunity.getRenewalDate()).isEqualTo(LocalDate.of(2027, 12, 31));
    assertThat(opportunity.getSignedAt().toInstant())
        .isEqualTo(OffsetDateTime.of(2026, 11, 28, 9, 30, 0, 0, ZoneOffset.UTC).toInstant());
    assertThat(opportunity.getBuyerEmail()).isEqualTo("buyer@example.com");
    assertThat(opportunity.getDealUrl()).isEqualTo(URI.create("https://example.com/deals/1"));
    assertThat(opportunity.getBuyerPhone()).isEqualTo("+1 555 0100");

    ApiResponse<Opportunity> read = opportunities.getOpportunityWithHttpInfo(id, null);
    String etag = header(read, "ETag").orElseThrow();
    ApiException notModified =
        catchThrowableOfType(ApiException.class, () -> opportunities.getOpportunity(id, etag));
    assertThat(notModified.getCode()).isEqualTo(304);

    // a merge patch clears a custom field and amount with null, and leaves the rest alone
    ApiResponse<Opportunity> patched =
        opportunities.patchOpportunityWithHttpInfo(
            id, new OpportunityPatch().contractType(null).amount(null), etag, null);
    assertThat(patched.getData().getContractType()).isNull();
    assertThat(patched.getData().getAmount()).isNull();
    assertThat(patched.getData().getSeats()).isEqualTo(500L);
    String patchedTag = header(patched, "ETag").orElseThrow();

    ApiException stale =
        catchThrowableOfType(
            ApiException.class,
            () -> opportunities.patchOpportunity(id, new OpportunityPatch().seats(7L), etag, null));
    assertThat(stale.getCode()).isEqualTo(412);
    assertThat(problem(stale).getStatus()).isEqualTo(412);
    assertThat(problem(stale).getRequestId()).isNotBlank();

    Opportunity replaced =
        opportunities.replaceOpportunity(
            id, opportunity(opportunity.getOwnerID(), "Acme Corp - 600 seats"), patchedTag);
    assertThat(replaced.getOpportunityName()).isEqualTo("Acme Corp - 600 seats");
    assertThat(replaced.getSeats()).as("a PUT without a custom field clears it").isNull();

    opportunities.deleteOpportunity(id, null);
    ApiException gone =
        catchThrowableOfType(ApiException.class, () -> opportunities.getOpportunity(id, null));
    assertThat(gone.getCode()).isEqualTo(404);
    assertThat(problem(gone).getTitle()).isEqualTo("Not Found");
  }

  @Test
  void listsSeveralOwnersPageByPage() throws Exception {
    long first = owner();
    long second = owner();
    long other = owner();
    List<Long> expected = new ArrayList<>();
    for (long owner : List.of(first, second, first, second, first, other)) {
      Opportunity created = opportunities.createOpportunity(opportunity(owner, "Listed"), null);
      if (owner != other) {
        expected.add(created.getId());
      }
    }
    List<Long> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      PageOpportunity page = list(List.of(first, second), 2, cursor);
      page.getItems().forEach(item -> seen.add(item.getId()));
      cursor = page.getNextCursor();
      pages++;
    } while (cursor != null);
    assertThat(seen).containsExactlyElementsOf(expected);
    assertThat(pages).isGreaterThanOrEqualTo(3);
  }

  @Test
  void batchesAnswerPerItemOrAtomically() throws Exception {
    long owner = owner();
    BatchResults perItem =
        opportunities.createOpportunities(
            new OpportunityBatch()
                .addItemsItem(opportunity(owner, "Batch one").seats(3L))
                .addItemsItem(opportunity(owner, "Batch two"))
                .addItemsItem(opportunity(owner, "").contractType("x".repeat(51))),
            null,
            null,
            null);
    assertThat(perItem.getResults())
        .extracting(BatchItemResult::getStatus)
        .containsExactly(201, 201, 400);
    assertThat(perItem.getResults().get(2).getProblem().getErrors()).isNotEmpty();
    long one = perItem.getResults().get(0).getId();
    long two = perItem.getResults().get(1).getId();

    BatchResults patched =
        opportunities.patchOpportunities(
            new OpportunityPatchBatch()
                .addItemsItem(new OpportunityPatchItem().id(one).seats(null).probability(null))
                .addItemsItem(new OpportunityPatchItem().id(two).amount(new BigDecimal("10"))),
            null,
            null);
    assertThat(patched.getResults())
        .extracting(BatchItemResult::getStatus)
        .containsExactly(200, 200);
    assertThat(opportunities.getOpportunity(one, null).getSeats()).isNull();

    ApiException atomic =
        catchThrowableOfType(
            ApiException.class,
            () ->
                opportunities.createOpportunities(
                    new OpportunityBatch()
                        .addItemsItem(opportunity(owner, "Atomic one"))
                        .addItemsItem(opportunity(owner, "Atomic two").dealStageID(999_999_999L)),
                    true,
                    null,
                    null));
    assertThat(atomic.getCode()).isBetween(400, 499);
    Problem problem = problem(atomic);
    assertThat(problem.getStatus()).isEqualTo(atomic.getCode());
    assertThat(problem.getAdditionalProperty("results")).isInstanceOf(List.class);
    assertThat(list(List.of(owner), 100, null).getItems())
        .extracting(Opportunity::getOpportunityName)
        .doesNotContain("Atomic one");

    BatchResults associations =
        leads.createOpportunityLeads(
            new OpportunityLeadBatch()
                .addItemsItem(new OpportunityLeadInput().opportunityID(one).leadID(11L))
                .addItemsItem(new OpportunityLeadInput().opportunityID(one).leadID(11L)),
            null,
            null);
    assertThat(associations.getResults())
        .extracting(BatchItemResult::getStatus)
        .containsExactly(201, 409);
  }

  @Test
  void associatesLeads() throws Exception {
    long id = opportunities.createOpportunity(opportunity(owner(), "With leads"), null).getId();
    ApiResponse<OpportunityLead> associated = leads.associateLeadWithHttpInfo(id, 905270274L);
    assertThat(associated.getStatusCode()).isEqualTo(201);
    assertThat(leads.associateLeadWithHttpInfo(id, 905270274L).getStatusCode()).isEqualTo(200);

    OpportunityLead created =
        leads.createOpportunityLead(
            new OpportunityLeadInput().opportunityID(id).leadID(905270275L), null);
    assertThat(leads.getOpportunityLead(created.getId(), null).getLeadID()).isEqualTo(905270275L);
    assertThat(leads.listOpportunityLeadsOfOpportunity(id, "id", 100, null).getItems())
        .extracting(OpportunityLead::getLeadID)
        .containsExactly(905270274L, 905270275L);
    assertThat(
            leads
                .listOpportunityLeads(null, List.of(id), null, null, null, "id", 100, null)
                .getItems())
        .hasSize(2);

    ApiException duplicate =
        catchThrowableOfType(
            ApiException.class,
            () ->
                leads.createOpportunityLead(
                    new OpportunityLeadInput().opportunityID(id).leadID(905270275L), null));
    assertThat(duplicate.getCode()).isEqualTo(409);
    assertThat(problem(duplicate).getAdditionalProperty("existingId"))
        .isEqualTo(created.getId().intValue());

    leads.deleteOpportunityLead(created.getId(), null);
    leads.dissociateLead(id, 905270274L, null);
    assertThat(leads.listOpportunityLeadsOfOpportunity(id, null, null, null).getItems()).isEmpty();
  }

  @Test
  void managesPipelines() throws Exception {
    String name = "Renewals " + UUID.randomUUID();
    ApiResponse<Pipeline> created =
        pipelines.createPipelineWithHttpInfo(new PipelineInput().name(name), null);
    assertThat(created.getStatusCode()).isEqualTo(201);
    long id = created.getData().getId();
    String etag = header(pipelines.getPipelineWithHttpInfo(id, null), "ETag").orElseThrow();
    assertThat(pipelines.replacePipeline(id, new PipelineInput().name(name + "!"), etag))
        .extracting(Pipeline::getName)
        .isEqualTo(name + "!");
    assertThat(pipelines.patchPipeline(id, new PipelinePatch().weight(77L), null, null))
        .extracting(Pipeline::getWeight)
        .isEqualTo(77L);
    assertThat(
            pipelines
                .listPipelines(List.of(id, 1L), null, null, null, null, null, null, "id", 10, null)
                .getItems())
        .extracting(Pipeline::getId)
        .containsExactly(1L, id);
    pipelines.deletePipeline(id, null);
    assertThat(
            catchThrowableOfType(ApiException.class, () -> pipelines.getPipeline(id, null))
                .getCode())
        .isEqualTo(404);
  }

  @Test
  void managesDealStages() throws Exception {
    String name = "Contract " + UUID.randomUUID();
    ApiResponse<DealStage> created =
        stages.createDealStageWithHttpInfo(
            new DealStageInput().dealStageName(name).defaultProbability(new BigDecimal("90")),
            null);
    assertThat(created.getStatusCode()).isEqualTo(201);
    long id = created.getData().getId();
    String etag = header(stages.getDealStageWithHttpInfo(id, null), "ETag").orElseThrow();
    assertThat(stages.replaceDealStage(id, new DealStageInput().dealStageName(name + "!"), etag))
        .extracting(DealStage::getDealStageName)
        .isEqualTo(name + "!");
    assertThat(stages.patchDealStage(id, new DealStagePatch().description(null), null, null))
        .extracting(DealStage::getDescription)
        .isNull();
    assertThat(
            stages
                .listDealStages(
                    List.of(id, 2L), null, null, null, null, null, null, null, "id", 10, null)
                .getItems())
        .extracting(DealStage::getId)
        .containsExactly(2L, id);
    stages.deleteDealStage(id, null, null);
    assertThat(
            catchThrowableOfType(ApiException.class, () -> stages.getDealStage(id, null)).getCode())
        .isEqualTo(404);
  }

  @Test
  void managesFields() throws Exception {
    Field created =
        fields.createField(
            new FieldInput()
                .relationship(FieldInput.RelationshipEnum.LEAD)
                .label("Lead score")
                .dataType(FieldInput.DataTypeEnum.INTEGER)
                .dataLength(18)
                .isRequired(false)
                .isCustom(true)
                .isActive(true)
                .isAvailableInContactManager(true)
                .isEditableInContactManager(true)
                .isAvailableInForms(false),
            null);
    long id = created.getId();
    assertThat(fields.getField(id, null).getSystemName()).startsWith("lead_score_");
    assertThat(fields.patchField(id, new FieldPatch().label("Lead rating"), null, null).getLabel())
        .isEqualTo("Lead rating");
    assertThat(
            fields
                .listFields(
                    List.of(id),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null)
                .getItems())
        .hasSize(1);
    FieldInput replacement =
        new FieldInput()
            .relationship(FieldInput.RelationshipEnum.LEAD)
            .systemName(created.getSystemName())
            .label("Lead rating")
            .dataType(FieldInput.DataTypeEnum.INTEGER)
            .dataLength(18)
            .isRequired(false)
            .isCustom(true)
            .isActive(false)
            .isAvailableInContactManager(true)
            .isEditableInContactManager(true)
            .isAvailableInForms(false);
    assertThat(fields.replaceField(id, replacement, null).getIsActive()).isFalse();
    fields.deleteField(id, null);
    ApiException gone =
        catchThrowableOfType(ApiException.class, () -> fields.deleteField(id, null));
    assertThat(gone.getCode()).isEqualTo(404);
    assertThat(problem(gone).getStatus()).isEqualTo(404);
  }

  @Test
  void managesApiKeys() throws Exception {
    CreatedApiKey created =
        keys.createApiKey(
            new ApiKeyInput().userID(7L).role(ApiKeyInput.RoleEnum.SALESPERSON).name("sync"), null);
    assertThat(created.getToken()).isEqualTo(created.getId() + "." + created.getSecret());
    assertThat(keys.getApiKey(created.getId()).getRole()).hasToString("SALESPERSON");
    assertThat(keys.listApiKeys(7L, "SALESPERSON").getItems())
        .extracting(ApiKey::getId)
        .contains(created.getId());
    keys.revokeApiKey(created.getId());
    assertThat(keys.getApiKey(created.getId()).getRevoked()).isTrue();
  }

  @Test
  void problemsAreReadAsProblems() throws Exception {
    ApiException invalid =
        catchThrowableOfType(
            ApiException.class,
            () -> opportunities.createOpportunity(new OpportunityInput().ownerID(0L), null));
    assertThat(invalid.getCode()).isEqualTo(400);
    Problem problem = problem(invalid);
    assertThat(problem.getStatus()).isEqualTo(400);
    assertThat(problem.getErrors())
        .extracting(error -> error.getField())
        .contains("ownerID", "dealStageID", "opportunityName", "closeDate");
    assertThat(invalid.getResponseHeaders().firstValue("X-Request-Id"))
        .hasValue(problem.getRequestId());
    assertThat(Map.of("detail", problem.getDetail())).isNotEmpty();
  }
}
